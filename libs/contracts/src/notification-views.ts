// Notifications beyond the wall (ADR 14): the contract between the console and its page, plain
// types only (no import), so the page compiles against the same file as the server.

/** Where a department hears of its signals besides the wall, its inbox and its webhook. */
export const OUTBOUND_CHANNELS = ['email', 'dingtalk', 'wecom', 'sms'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

/** The two group robots a department may keep (DingTalk / 浙政钉, WeCom / 政务微信). */
export const ROBOT_KINDS = ['dingtalk', 'wecom'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

/** The supervision office's own entry in contacts and robots (升级督办 goes there). */
export const SUPERVISION_OFFICE = 'office';

/**
 * A person a department's notifications reach: its contact (联络员), its head (负责人), or a
 * handler (经办人) matched to the `actor.id` of the department's events (reminders go to them).
 */
export const CONTACT_ROLES = ['contact', 'head', 'handler'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface DepartmentContact {
  id: string;
  role: ContactRole;
  name: string;
  email: string | null;
  mobile: string | null;
  /** For a handler: the `actor.id` the business systems send. */
  actorId: string | null;
}

export type DepartmentContactInput = Omit<DepartmentContact, 'id'>;

/** A group robot; its URL (which holds the token) and signing secret are never shown again. */
export interface DepartmentRobot {
  kind: RobotKind;
  label: string;
  /** The URL with its token masked, e.g. `https://oapi.dingtalk.com/robot/send?access_token=••••3f9a`. */
  urlHint: string;
  hasSignSecret: boolean;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string;
}

/** `PUT /api/departments/:id/robots/:kind`: url and secret are kept when omitted. */
export interface DepartmentRobotInput {
  label: string;
  url?: string;
  signSecret?: string;
  enabled: boolean;
}

/** Who of the department an email or SMS subscription reaches (robots post to their group). */
export const AUDIENCES = ['contact', 'head'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Which signals go to which channel, and to whom. */
export interface NotificationSubscription {
  id: string;
  channel: OutboundChannel;
  /** Signal levels: 'red' | 'yellow' | 'warning'. */
  levels: string[];
  /** Rule families (`docs/rules.md`); empty: every family. */
  families: string[];
  audience: Audience[];
  enabled: boolean;
}

export type NotificationSubscriptionInput = Omit<NotificationSubscription, 'id'>;

/** `GET/PUT /api/departments/:id/notification-settings`. */
export interface NotificationSettings {
  departmentId: string;
  contacts: DepartmentContact[];
  robots: DepartmentRobot[];
  subscriptions: NotificationSubscription[];
}

export interface NotificationSettingsInput {
  contacts: DepartmentContactInput[];
  subscriptions: NotificationSubscriptionInput[];
}

/**
 * Why a message was sent: a digest of signal changes, the reminder of a TIME_WARNING to its
 * handler, the re-sending of an unanswered 督办 notice to the head, 升级督办 to the office, the
 * next working morning's summary of what quiet hours held, a test, a printed notice issued.
 */
export const OUTBOUND_PURPOSES = [
  'digest',
  'reminder',
  'escalation-head',
  'escalation-office',
  'morning-digest',
  'test',
  'notice',
] as const;
export type OutboundPurpose = (typeof OUTBOUND_PURPOSES)[number];

/**
 * held: waiting for working hours; pending: due or retrying; delivered; dead: gave up after the
 * last attempt; merged: held, then sent inside a morning digest.
 */
export const OUTBOUND_STATUSES = ['held', 'pending', 'delivered', 'dead', 'merged'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** One message of the delivery log (`GET /api/notification-messages`). */
export interface OutboundMessageView {
  id: number;
  purpose: OutboundPurpose;
  departmentId: string;
  alertKey: string | null;
  channel: OutboundChannel;
  recipientName: string;
  /** Masked: `zh***@example.cn`, `138****1234`, the robot's label. */
  recipientHint: string;
  subject: string;
  status: OutboundStatus;
  attempts: number;
  notBefore: string;
  createdAt: string;
  deliveredAt: string | null;
  lastAnswer: string | null;
  mergedInto: number | null;
}

export interface OutboundAttemptView {
  attempt: number;
  at: string;
  ok: boolean;
  /** What the channel answered (status and body, SMTP reply) or why it could not be reached. */
  answer: string;
  durationMs: number;
}

export interface OutboundMessageDetail extends OutboundMessageView {
  text: string;
  attemptLog: OutboundAttemptView[];
}

/** `GET/PUT /api/admin/transports`: the office's mail server and SMS gateway; secrets never shown. */
export interface SmtpTransportView {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  hasPassword: boolean;
  from: string;
}

export interface SmtpTransportInput {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Kept when omitted. */
  password?: string;
  from: string;
}

export interface SmsTransportView {
  url: string;
  appKey: string;
  hasSecret: boolean;
  signName: string;
  /** JSON with the placeholders {{to}}, {{text}}, {{requestId}}, {{signName}} (docs/notifications.md). */
  bodyTemplate: string;
}

export interface SmsTransportInput {
  url: string;
  appKey: string;
  /** Kept when omitted. */
  secret?: string;
  signName: string;
  bodyTemplate: string;
}

export interface TransportsView {
  smtp: SmtpTransportView | null;
  sms: SmsTransportView | null;
  /** The wall's address in message links. */
  publicUrl: string;
}

/** Printed notices (督办通知书 for a yellow card, 监察建议书 for a red one). */
export const NOTICE_KINDS = ['supervision', 'recommendation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_TITLES: Record<NoticeKind, { zh: string; en: string }> = {
  supervision: { zh: '督办通知书', en: 'Supervision notice' },
  recommendation: { zh: '监察建议书', en: 'Supervision recommendation' },
};

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  year: number;
  number: number;
  /** 〔2026〕第 12 号 */
  numberText: string;
  alertKey: string;
  caseId: string;
  departmentId: string;
  issuedBy: string;
  issuedAt: string;
  responseDueAt: string | null;
  /** `GET` it for the PDF (audited). */
  downloadUrl: string;
}
