import { LEVEL_NAMES } from '@app/contracts';
import type { NotificationDigest } from '@app/persistence';

/**
 * Port: one way of telling a department about a digest of signal changes (websocket room,
 * persistent inbox, signed webhook; email may follow). `deliver` is retried with backoff when it
 * throws, so it must be idempotent by `digest.id`.
 */
export interface NotificationChannel {
  readonly name: string;
  deliver(digest: NotificationDigest): Promise<void>;
}

/** Every channel a digest goes through, by name. */
export class NotificationChannels {
  private readonly byName: ReadonlyMap<string, NotificationChannel>;

  constructor(channels: NotificationChannel[]) {
    this.byName = new Map(channels.map((channel) => [channel.name, channel]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): NotificationChannel | undefined {
    return this.byName.get(name);
  }
}

/** A one-line Chinese title of a digest, e.g. "3 条监察信号变更（红牌 1，黄牌 2）". */
export function digestTitle(digest: NotificationDigest): string {
  const raised = new Map<string, number>();
  for (const change of digest.body.changes) {
    if (change.kind !== 'raised' && change.kind !== 'escalated') continue;
    raised.set(change.level, (raised.get(change.level) ?? 0) + 1);
  }
  const levels = (['red', 'yellow', 'warning'] as const)
    .filter((level) => raised.has(level))
    .map((level) => `${LEVEL_NAMES[level]} ${raised.get(level)}`);
  const count = digest.body.changes.length;
  return levels.length > 0 ? `${count} 条监察信号变更（${levels.join('，')}）` : `${count} 条监察信号变更`;
}
