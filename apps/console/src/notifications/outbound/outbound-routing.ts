// Which outbound messages a digest makes (ADR 14): per subscription, the changes of its levels and
// rule families go to its channel — each email or SMS to the contacts of its audience, each robot
// message to the department's group — and each TIME_WARNING raised reaches the case's handler. Pure:
// the caller gives the department's routing, the handlers and the quiet-hours decision.
import {
  highestLevel,
  type DepartmentContact,
  type OutboundChannel,
  type OutboundPurpose,
} from '@app/contracts';
import type { DepartmentRouting, DigestEntry, NewOutboundMessage, OutboundContent } from '@app/persistence';

/** Changes that are news to a department: a new, higher or restored signal, and a supervisor's 催办. */
const NOTIFIED_KINDS: ReadonlySet<string> = new Set(['raised', 'escalated', 'reinstated', 'urged']);

export interface Recipient {
  channel: OutboundChannel;
  address: string;
  name: string;
  hint: string;
  mentionMobiles: string[];
}

/** Quiet hours: whether a message of this level and channel waits, and until when. */
export type QuietDecision = (level: string, channel: OutboundChannel) => { held: boolean; notBefore: string };

export interface DigestRouting {
  digestId: number;
  departmentId: string;
  routing: DepartmentRouting;
  entries: readonly DigestEntry[];
  /** The handler (经办人 actor) of each case with a TIME_WARNING raised. */
  handlers: ReadonlyMap<string, { id: string; name: string | null }>;
  family: (ruleId: string) => string;
  quiet: QuietDecision;
  digest: (entries: readonly DigestEntry[]) => OutboundContent;
  reminder: (entry: DigestEntry, handlerName: string) => OutboundContent;
}

export function maskEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}

export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}

/** The people or groups a channel reaches for an audience. */
export function recipientsOf(
  channel: OutboundChannel,
  audience: readonly string[],
  routing: DepartmentRouting,
): Recipient[] {
  if (channel === 'dingtalk' || channel === 'wecom') {
    const robot = routing.robots.find((candidate) => candidate.kind === channel && candidate.enabled);
    return robot
      ? [
          {
            channel,
            address: `${routing.departmentId}/${channel}`,
            name: robot.label,
            hint: robot.label,
            mentionMobiles: [],
          },
        ]
      : [];
  }
  const people = routing.contacts.filter((contact) => audience.includes(contact.role));
  return people.flatMap((contact: DepartmentContact): Recipient[] => {
    const address = channel === 'email' ? contact.email : contact.mobile;
    if (!address) return [];
    return [
      {
        channel,
        address,
        name: contact.name,
        hint: channel === 'email' ? maskEmail(address) : maskMobile(address),
        mentionMobiles: [],
      },
    ];
  });
}

function message(
  purpose: OutboundPurpose,
  dedupeKey: string,
  departmentId: string,
  alertKey: string | null,
  recipient: Recipient,
  level: string,
  content: OutboundContent,
  quiet: QuietDecision,
): NewOutboundMessage {
  return {
    dedupeKey,
    purpose,
    departmentId,
    alertKey,
    channel: recipient.channel,
    recipientAddress: recipient.address,
    recipientName: recipient.name,
    recipientHint: recipient.hint,
    mentionMobiles: recipient.mentionMobiles,
    level,
    content,
    ...quiet(level, recipient.channel),
  };
}

/** The digest's messages: one per channel and recipient, with the union of its subscriptions' changes. */
export function routeDigest(input: DigestRouting): NewOutboundMessage[] {
  const news = input.entries.filter((entry) => NOTIFIED_KINDS.has(entry.kind));
  const byRecipient = new Map<string, { recipient: Recipient; entries: Set<DigestEntry> }>();
  for (const subscription of input.routing.subscriptions) {
    if (!subscription.enabled) continue;
    const matching = news.filter(
      (entry) =>
        subscription.levels.includes(entry.level) &&
        (subscription.families.length === 0 || subscription.families.includes(input.family(entry.ruleId))),
    );
    if (matching.length === 0) continue;
    for (const recipient of recipientsOf(subscription.channel, subscription.audience, input.routing)) {
      const key = `${recipient.channel}:${recipient.address}`;
      const found = byRecipient.get(key) ?? { recipient, entries: new Set<DigestEntry>() };
      for (const entry of matching) found.entries.add(entry);
      byRecipient.set(key, found);
    }
  }
  const messages = [...byRecipient.entries()].map(([key, { recipient, entries }]) => {
    const list = news.filter((entry) => entries.has(entry));
    const alertKey = list.length === 1 ? (list[0] as DigestEntry).alertKey : null;
    return message(
      'digest',
      `digest:${input.digestId}:${key}`,
      input.departmentId,
      alertKey,
      recipient,
      highestLevel(
        list.map((entry) => entry.level),
        'warning',
      ),
      input.digest(list),
      input.quiet,
    );
  });
  return [...messages, ...routeReminders(input, news)];
}

/** A TIME_WARNING reaches its case's handler: by SMS when the handler has a mobile, else in the groups. */
function routeReminders(input: DigestRouting, news: readonly DigestEntry[]): NewOutboundMessage[] {
  return news
    .filter((entry) => entry.ruleId === 'TIME_WARNING' && entry.kind === 'raised')
    .flatMap((entry) => {
      const handler = input.handlers.get(entry.caseId);
      if (!handler) return [];
      const contact = input.routing.contacts.find(
        (candidate) => candidate.role === 'handler' && candidate.actorId === handler.id,
      );
      const name = contact?.name ?? handler.name ?? handler.id;
      const recipients: Recipient[] = contact?.mobile
        ? [
            {
              channel: 'sms',
              address: contact.mobile,
              name,
              hint: maskMobile(contact.mobile),
              mentionMobiles: [],
            },
          ]
        : input.routing.robots
            .filter((robot) => robot.enabled)
            .map((robot) => ({
              channel: robot.kind,
              address: `${input.departmentId}/${robot.kind}`,
              name: robot.label,
              hint: robot.label,
              mentionMobiles: [],
            }));
      return recipients.map((recipient) =>
        message(
          'reminder',
          `reminder:${entry.alertKey}:${recipient.channel}:${recipient.address}`,
          input.departmentId,
          entry.alertKey,
          recipient,
          entry.level,
          input.reminder(entry, name),
          input.quiet,
        ),
      );
    });
}
