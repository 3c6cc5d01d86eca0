// Notifications' pure logic: the forms read as the API's inputs (with what is wrong, in the
// reader's language, before anything is sent), the server's 400 pointed back at its row, the
// delivery log's query, when a test's polling stops, and who may see or issue a printed notice.
import type {
  Audience,
  ContactRole,
  DepartmentContact,
  DepartmentContactInput,
  DepartmentRobotInput,
  NoticeKind,
  NotificationSettingsInput,
  NotificationSubscription,
  NotificationSubscriptionInput,
  OutboundChannel,
  OutboundStatus,
  RobotKind,
  SmsTransportInput,
  SmtpTransportInput,
} from '../../../../libs/contracts/src/notification-views';
import type { WallLevel, WallLifecycleStatus, WallRole } from '../../../../libs/contracts/src/wall-protocol';
import type { ValidationTexts } from './notify-texts';

/** What a form gave: the input to send, or every problem found (the form says them all at once). */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The levels a subscription can name, highest first (the order of the checkboxes and of the input). */
export const LEVELS: readonly WallLevel[] = ['red', 'yellow', 'warning'];

// ---- a department's contacts and subscriptions ----

/** A contact row as typed (every field text). */
export interface ContactDraft {
  role: ContactRole;
  name: string;
  email: string;
  mobile: string;
  actorId: string;
}

/** A subscription row as chosen; the families as typed (a comma list). */
export interface SubscriptionDraft {
  channel: OutboundChannel;
  levels: readonly string[];
  families: string;
  audience: readonly Audience[];
  enabled: boolean;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const MOBILE = /^(?:\+?86)?(1\d{10})$/;
/** A family id as the rules name them (`time-limit`) or a rule's own id (`TIME_OVERDUE`). */
const FAMILY_ID = /^[A-Za-z][\w.-]*$/;

/** Whether a channel posts to a group robot (no audience: it reaches the group). */
export function isRobotChannel(channel: OutboundChannel): channel is RobotKind {
  return channel === 'dingtalk' || channel === 'wecom';
}

/** A mobile number without spaces, dashes and the +86 prefix; null when it is not one. */
export function normalizedMobile(text: string): string | null {
  const match = MOBILE.exec(text.replace(/[\s-]/g, ''));
  return match ? (match[1] ?? null) : null;
}

/** The families of a comma list (ASCII or full-width commas, 、 or spaces), once each, in order. */
export function parseFamilies(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\s]+/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** The families as the form shows them. */
export function familiesText(families: readonly string[]): string {
  return families.join(', ');
}

/** The families with `family` added, or removed when it is there (a chip clicked). */
export function toggleFamily(text: string, family: string): string {
  const families = parseFamilies(text);
  return familiesText(
    families.includes(family) ? families.filter((f) => f !== family) : [...families, family],
  );
}

/** The rows of a department's contacts as the form starts them. */
export function contactDrafts(contacts: readonly DepartmentContact[]): ContactDraft[] {
  return contacts.map((contact) => ({
    role: contact.role,
    name: contact.name,
    email: contact.email ?? '',
    mobile: contact.mobile ?? '',
    actorId: contact.actorId ?? '',
  }));
}

/** The rows of a department's subscriptions as the form starts them. */
export function subscriptionDrafts(subscriptions: readonly NotificationSubscription[]): SubscriptionDraft[] {
  return subscriptions.map((subscription) => ({
    channel: subscription.channel,
    levels: [...subscription.levels],
    families: familiesText(subscription.families),
    audience: [...subscription.audience],
    enabled: subscription.enabled,
  }));
}

/** A new subscription: red and yellow cards by email to the contact. */
export function newSubscription(): SubscriptionDraft {
  return { channel: 'email', levels: ['red', 'yellow'], families: '', audience: ['contact'], enabled: true };
}

/**
 * The rows of a table, each read as the API takes it, or what is wrong with which row (numbered
 * from 1) of `list`: `read` says each problem of its row.
 */
function rowInputs<Draft, Input>(
  drafts: readonly Draft[],
  list: string,
  texts: ValidationTexts,
  read: (draft: Draft, say: (problem: string) => void) => Input,
): Checked<Input[]> {
  const problems: string[] = [];
  const value = drafts.map((draft, index) =>
    read(draft, (problem) => problems.push(texts.row(list, index + 1, problem))),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** The contacts as the API takes them, or what is wrong with which row (numbered from 1). */
export function contactInputs(
  drafts: readonly ContactDraft[],
  texts: ValidationTexts,
): Checked<DepartmentContactInput[]> {
  return rowInputs(drafts, texts.contactsList, texts, (draft, say) => {
    const name = draft.name.trim();
    const email = draft.email.trim();
    const mobileText = draft.mobile.trim();
    const mobile = mobileText ? normalizedMobile(mobileText) : null;
    const actorId = draft.actorId.trim();
    if (!name) say(texts.needName);
    if (!email && !mobileText) say(texts.needReach);
    if (email && !EMAIL.test(email)) say(texts.badEmail);
    if (mobileText && !mobile) say(texts.badMobile);
    if (draft.role === 'handler' && !actorId) say(texts.needActorId);
    return {
      role: draft.role,
      name,
      email: email || null,
      mobile,
      actorId: draft.role === 'handler' ? actorId : null,
    };
  });
}

/** The subscriptions as the API takes them (robots reach their group: no audience). */
export function subscriptionInputs(
  drafts: readonly SubscriptionDraft[],
  texts: ValidationTexts,
): Checked<NotificationSubscriptionInput[]> {
  return rowInputs(drafts, texts.subscriptionsList, texts, (draft, say) => {
    const levels = LEVELS.filter((level) => draft.levels.includes(level));
    const families = parseFamilies(draft.families);
    const audience = isRobotChannel(draft.channel) ? [] : [...new Set(draft.audience)];
    if (levels.length === 0) say(texts.needLevel);
    for (const family of families) if (!FAMILY_ID.test(family)) say(texts.badFamily(family));
    if (!isRobotChannel(draft.channel) && audience.length === 0) say(texts.needAudience);
    return { channel: draft.channel, levels, families, audience, enabled: draft.enabled };
  });
}

/** `PUT /api/departments/:id/notification-settings`'s body, or every problem of both tables. */
export function settingsInput(
  contacts: readonly ContactDraft[],
  subscriptions: readonly SubscriptionDraft[],
  texts: ValidationTexts,
): Checked<NotificationSettingsInput> {
  const people = contactInputs(contacts, texts);
  const wanted = subscriptionInputs(subscriptions, texts);
  if (people.ok && wanted.ok)
    return { ok: true, value: { contacts: people.value, subscriptions: wanted.value } };
  return {
    ok: false,
    problems: [...(people.ok ? [] : people.problems), ...(wanted.ok ? [] : wanted.problems)],
  };
}

/** A row of the settings a 400 of the server names (`contacts[1].mobile: …`; indexes from 0). */
export interface ProblemPlace {
  list: 'contacts' | 'subscriptions';
  index: number;
  field: string | null;
}

/** Every row (and field) a refusal's message names, so that the form can mark them. */
export function problemPlaces(message: string): ProblemPlace[] {
  return [...message.matchAll(/\b(contacts|subscriptions)\[(\d+)\](?:\.([A-Za-z]+))?/g)].map((match) => ({
    list: match[1] as ProblemPlace['list'],
    index: Number(match[2]),
    field: match[3] ?? null,
  }));
}

// ---- robots and transports ----

/** Whether a text is an http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export interface RobotDraft {
  label: string;
  url: string;
  signSecret: string;
  enabled: boolean;
}

/**
 * `PUT /api/departments/:id/robots/:kind`'s body: an empty URL or secret is left out (the server
 * keeps the one it has); a robot not set up yet needs its URL. Only DingTalk signs.
 */
export function robotInput(
  kind: RobotKind,
  draft: RobotDraft,
  exists: boolean,
  texts: ValidationTexts,
): Checked<DepartmentRobotInput> {
  const problems: string[] = [];
  const label = draft.label.trim();
  const url = draft.url.trim();
  const signSecret = draft.signSecret.trim();
  if (!label) problems.push(texts.needLabel);
  if (!url && !exists) problems.push(texts.needUrl);
  if (url && !isHttpUrl(url)) problems.push(texts.badUrl);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      label,
      ...(url ? { url } : {}),
      ...(kind === 'dingtalk' && signSecret ? { signSecret } : {}),
      enabled: draft.enabled,
    },
  };
}

export interface SmtpDraft {
  host: string;
  port: string;
  secure: boolean;
  username: string;
  password: string;
  from: string;
}

/** `PUT /api/admin/transports/smtp`'s body; an empty password is left out (kept). */
export function smtpInput(draft: SmtpDraft, texts: ValidationTexts): Checked<SmtpTransportInput> {
  const problems: string[] = [];
  const host = draft.host.trim();
  const port = Number(draft.port.trim());
  const from = draft.from.trim();
  if (!host) problems.push(texts.needHost);
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65535) problems.push(texts.badPort);
  if (!/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(from)) problems.push(texts.badFrom);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      host,
      port,
      secure: draft.secure,
      username: draft.username.trim() || null,
      ...(draft.password ? { password: draft.password } : {}),
      from,
    },
  };
}

export interface SmsDraft {
  url: string;
  appKey: string;
  secret: string;
  signName: string;
  bodyTemplate: string;
}

/** The placeholders an SMS body template fills in; the first two it cannot do without. */
export const SMS_PLACEHOLDERS = ['{{to}}', '{{text}}', '{{requestId}}', '{{signName}}'] as const;
const REQUIRED_PLACEHOLDERS = ['{{to}}', '{{text}}'];

/** Whether a body template is JSON once its placeholders are filled (inside strings or bare). */
export function templateIsJson(template: string): boolean {
  try {
    JSON.parse(template.replace(/\{\{\w+\}\}/g, '0'));
    return true;
  } catch {
    return false;
  }
}

/** `PUT /api/admin/transports/sms`'s body; an empty secret is left out (kept). */
export function smsInput(draft: SmsDraft, texts: ValidationTexts): Checked<SmsTransportInput> {
  const problems: string[] = [];
  const url = draft.url.trim();
  const appKey = draft.appKey.trim();
  const signName = draft.signName.trim();
  const bodyTemplate = draft.bodyTemplate.trim();
  if (!isHttpUrl(url)) problems.push(texts.badUrl);
  if (!appKey) problems.push(texts.needAppKey);
  if (!signName) problems.push(texts.needSignName);
  if (!templateIsJson(bodyTemplate)) problems.push(texts.badTemplate);
  for (const placeholder of REQUIRED_PLACEHOLDERS)
    if (!bodyTemplate.includes(placeholder)) problems.push(texts.templateNeeds(placeholder));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { url, appKey, ...(draft.secret ? { secret: draft.secret } : {}), signName, bodyTemplate },
  };
}

// ---- tests and the delivery log ----

export const POLL_EVERY_MS = 1_000;
export const POLL_FOR_MS = 20_000;

/** The statuses a message does not leave any more. */
export function isFinal(status: OutboundStatus): boolean {
  return status === 'delivered' || status === 'dead' || status === 'merged';
}

/**
 * Whether to read a test's messages again: `done` when every one is delivered or dead (or merged),
 * `timeout` once 20 s have passed since it was sent, else `waiting`.
 */
export function pollState(
  statuses: readonly OutboundStatus[],
  startedAt: number,
  now: number,
): 'done' | 'timeout' | 'waiting' {
  if (statuses.every(isFinal)) return 'done';
  return now - startedAt >= POLL_FOR_MS ? 'timeout' : 'waiting';
}

/** A long text cut to `max` characters with an ellipsis (the whole shows on hover). */
export function truncated(text: string | null | undefined, max: number): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

export interface LogFilters {
  departmentId?: string;
  channel?: string;
  status?: string;
  purpose?: string;
  limit: number;
}

/** `GET /api/notification-messages`' query: the filters that are set, and the limit. */
export function logQuery(filters: LogFilters): string {
  const query = new URLSearchParams();
  for (const name of ['departmentId', 'channel', 'status', 'purpose'] as const) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  query.set('limit', String(filters.limit));
  return query.toString();
}

// ---- printed notices ----

/** What a printed notice is for a level: 督办通知书 for a yellow card, 监察建议书 for a red one. */
export function noticeKindFor(level: WallLevel): NoticeKind | null {
  return level === 'yellow' ? 'supervision' : level === 'red' ? 'recommendation' : null;
}

export interface NoticeUser {
  role: WallRole;
  departmentId: string | null;
}

export interface NoticeSignal {
  departmentId: string;
  level: WallLevel;
  status: WallLifecycleStatus;
  escalatedTo: string | null;
}

/** Who reads a signal's notices: supervisors, auditors and the signal's department (yellow and red). */
export function mayReadNotices(user: NoticeUser, signal: NoticeSignal): boolean {
  if (noticeKindFor(signal.level) === null) return false;
  if (user.role === 'supervisor' || user.role === 'auditor') return true;
  return user.role === 'department_officer' && user.departmentId === signal.departmentId;
}

/**
 * Whether the page offers a supervisor to issue a notice: a yellow or red signal that was neither
 * retracted nor superseded (the notice goes with the higher card). The server decides again (409).
 */
export function mayIssueNotice(user: NoticeUser, signal: NoticeSignal): boolean {
  return (
    user.role === 'supervisor' &&
    noticeKindFor(signal.level) !== null &&
    signal.status !== 'retracted' &&
    signal.escalatedTo === null
  );
}

/** The file a notice is saved as: its title and number, e.g. `督办通知书〔2026〕第12号.pdf`. */
export function noticeFilename(title: string, numberText: string): string {
  return `${title}${numberText}.pdf`.replace(/[\s/\\:*?"<>|]+/g, '');
}
