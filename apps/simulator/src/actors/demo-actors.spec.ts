import { Random } from '../traffic/random';
import { ConsoleRequestError, ConsoleSignal } from './console-client';
import { ActorRoundStats, DemoActors, DemoActorsOptions } from './demo-actors';
import { aConsoleSignal, InMemoryConsoleClient } from './testing/in-memory-console-client';

const NOW = Date.parse('2026-04-20T10:00:00+08:00');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SUPERVISOR = 'jiancha';
const OFFICERS: ReadonlyMap<string, string> = new Map([
  ['scjgj', 'officer-scjgj'],
  ['zjj', 'officer-zjj'],
]);
const RULES = [
  { ruleId: 'TIME_OVERDUE', level: 'yellow' },
  { ruleId: 'TIME_OVERDUE_RED', level: 'red' },
  { ruleId: 'FEE_OVER_STANDARD', level: 'red' },
  { ruleId: 'PENALTY_OUT_OF_TIER', level: 'yellow' },
] as const;

function raisedAgo(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

/** `count` cards of the given age, spread over the departments and rules. */
function cards(
  count: number,
  ageMs: number,
  departments: readonly string[] = ['scjgj', 'zjj'],
): ConsoleSignal[] {
  return Array.from({ length: count }, (_, index) =>
    aConsoleSignal({
      ...RULES[index % RULES.length],
      departmentId: departments[index % departments.length] as string,
      raisedAt: raisedAgo(ageMs + index * 1000),
    }),
  );
}

function setup(signals: readonly ConsoleSignal[], options: Partial<DemoActorsOptions> = {}) {
  const client = new InMemoryConsoleClient({ supervisor: SUPERVISOR, officers: OFFICERS }).add(...signals);
  const sut = new DemoActors({
    client,
    supervisor: SUPERVISOR,
    officers: OFFICERS,
    random: new Random(7),
    clock: () => NOW,
    maxActionsPerRound: 10_000,
    ...options,
  });
  return { client, sut };
}

const acted = (stats: ActorRoundStats) => stats.acknowledged + stats.responded + stats.closed;

/** Rounds until one sends nothing and leaves nothing for later. */
async function roundsUntilQuiet(sut: DemoActors, limit = 30): Promise<ActorRoundStats[]> {
  const rounds: ActorRoundStats[] = [];
  for (let index = 0; index < limit; index += 1) {
    const stats = await sut.round();
    rounds.push(stats);
    if (acted(stats) + stats.skippedConflicts === 0 && stats.deferred === 0) return rounds;
  }
  throw new Error(`still busy after ${limit} rounds`);
}

function shareOf(signals: readonly ConsoleSignal[], test: (signal: ConsoleSignal) => boolean): number {
  return signals.filter(test).length / signals.length;
}

describe(DemoActors.name, () => {
  it('answers and closes most signals older than a few working days', async () => {
    const old = cards(160, 6 * DAY);
    const { client, sut } = setup(old);

    const rounds = await roundsUntilQuiet(sut);

    const now = old.map((signal) => client.signal(signal.alertKey));
    expect(shareOf(now, (signal) => signal.status !== 'open')).toBeGreaterThan(0.9);
    expect(shareOf(now, (signal) => signal.status === 'closed')).toBeGreaterThan(0.6);
    expect(rounds.flatMap((stats) => stats.failures)).toEqual([]);
  });

  it('leaves most signals of the last hours open, however many rounds run', async () => {
    const fresh = cards(160, 1 * HOUR);
    const { client, sut } = setup(fresh);

    const first = await sut.round();
    for (let index = 0; index < 20; index += 1) await sut.round();

    expect(
      shareOf(
        fresh.map((signal) => client.signal(signal.alertKey)),
        (s) => s.status === 'open',
      ),
    ).toBeGreaterThan(0.9);
    expect(client.steps).toHaveLength(acted(first));
  });

  it('keeps pace with compressed live cases: their signals of the last minutes age as days', async () => {
    // raised before the demo started: they age at the wall clock's pace
    const history = cards(80, 20 * 60_000, ['scjgj']);
    const live = cards(80, 2 * 60_000, ['zjj']);
    const { client, sut } = setup([...history, ...live], {
      compression: { since: NOW - 10 * 60_000, factor: 1440 },
    });

    await roundsUntilQuiet(sut);

    const open = (signals: readonly ConsoleSignal[]) =>
      shareOf(
        signals.map((signal) => client.signal(signal.alertKey)),
        (s) => s.status === 'open',
      );
    expect(open(history)).toBeGreaterThan(0.95);
    expect(open(live)).toBeLessThan(0.3); // two minutes at 1440x: two days old
  });

  it('closes corrections mostly as corrected and only answered or overdue cards at all', async () => {
    const { client, sut } = setup(cards(200, 8 * DAY));

    await roundsUntilQuiet(sut);

    const closes = client.steps.flatMap((step) =>
      step.command.action === 'close' ? [{ ...step.command, step }] : [],
    );
    const afterCorrection = closes.filter(
      (close) =>
        close.step.from === 'responded' && client.signal(close.step.alertKey).responseKind === 'correction',
    );
    expect(afterCorrection.length).toBeGreaterThan(20);
    expect(
      afterCorrection.filter((close) => close.verdict === 'corrected').length / afterCorrection.length,
    ).toBeGreaterThan(0.7);
    expect(
      closes
        .filter((close) => close.step.from !== 'responded')
        .every((c) => c.verdict === 'violation_confirmed'),
    ).toBe(true);
    expect(closes.every((close) => close.step.username === SUPERVISOR)).toBe(true);
  });

  it('lets each officer act on their own department only', async () => {
    const signals = cards(90, 6 * DAY, ['scjgj', 'zjj', 'rsj']);
    const { client, sut } = setup(signals);

    const rounds = await roundsUntilQuiet(sut);

    const officerSteps = client.steps.filter((step) => step.username !== SUPERVISOR);
    for (const step of officerSteps)
      expect(OFFICERS.get(client.signal(step.alertKey).departmentId)).toBe(step.username);
    expect(new Set(officerSteps.map((step) => step.username))).toEqual(new Set(OFFICERS.values()));
    expect(
      client
        .all()
        .filter(
          (signal) => signal.departmentId === 'rsj' && ['acknowledged', 'responded'].includes(signal.status),
        ),
    ).toEqual([]);
    expect(rounds.flatMap((stats) => stats.failures)).toEqual([]);
  });

  it.each([
    ['retracted', (client: InMemoryConsoleClient, key: string) => client.retractBeforeNextStep(key)],
    [
      'superseded',
      (client: InMemoryConsoleClient, key: string) => client.supersedeBeforeNextStep(key, 'red|key'),
    ],
  ])('skips and counts a signal %s before its step arrives (409)', async (_case, moveOn) => {
    const signals = cards(20, 30 * DAY);
    const { client, sut } = setup(signals);
    const movedOn = signals.slice(0, 10).map((signal) => signal.alertKey);
    for (const key of movedOn) moveOn(client, key);

    const stats = await sut.round();

    expect(stats.skippedConflicts).toBeGreaterThan(0);
    expect(stats.failures).toEqual([]);
    expect(client.steps.filter((step) => movedOn.includes(step.alertKey))).toEqual([]);
    expect(stats.acknowledged + stats.closed).toBe(client.steps.length);
    expect(stats.acknowledged).toBeGreaterThan(0);
  });

  it('sends at most the per-round cap, taking turns between the actors', async () => {
    const { client, sut } = setup(cards(200, 10 * DAY), { maxActionsPerRound: 25 });

    const first = await sut.round();
    const firstSteps = [...client.steps];
    const rounds = [first, ...(await roundsUntilQuiet(sut, 40))];

    expect(first.deferred).toBeGreaterThan(100);
    expect(firstSteps).toHaveLength(25);
    expect(new Set(firstSteps.map((step) => step.username))).toEqual(
      new Set([...OFFICERS.values(), SUPERVISOR]),
    );
    for (const stats of rounds) expect(acted(stats) + stats.skippedConflicts).toBeLessThanOrEqual(25);
    expect(rounds.length).toBeGreaterThan(8);
  });

  it('pages through listings larger than a page, signals sharing an instant included', async () => {
    const signals = Array.from({ length: 70 }, (_, index) =>
      aConsoleSignal({ departmentId: 'scjgj', raisedAt: raisedAgo(30 * DAY + Math.floor(index / 7) * 1000) }),
    );
    const { client, sut } = setup(signals, { pageSize: 20 });

    const stats = await sut.round();

    const officerListings = client.listings.filter((listing) => listing.username === 'officer-scjgj');
    expect(officerListings.length).toBeGreaterThan(3);
    expect(officerListings.every((listing) => listing.query.limit === 20)).toBe(true);
    expect(stats.acknowledged).toBeGreaterThan(60);
  });

  it('acts the same way with the same seed', async () => {
    const signals = cards(60, 2 * DAY);
    const first = setup(signals.map((signal) => ({ ...signal })));
    const second = setup(signals.map((signal) => ({ ...signal })));

    await first.sut.round();
    await second.sut.round();

    expect(second.client.steps).toEqual(first.client.steps);
  });

  it('goes on without an actor who cannot log in', async () => {
    const officers = new Map([...OFFICERS, ['rsj', 'officer-rsj']]);
    const { client, sut } = setup(cards(30, 6 * DAY, ['scjgj', 'zjj', 'rsj']), { officers });

    const stats = await sut.round();

    expect(stats.failures).toEqual([
      'officer-rsj: POST /api/auth/login answered 401: officer-rsj: wrong username or password',
    ]);
    expect(client.steps.length).toBeGreaterThan(0);
  });

  it('fails the round when the console cannot be reached at all', async () => {
    const { client, sut } = setup(cards(10, 6 * DAY));
    client.unreachable = true;

    await expect(sut.round()).rejects.toThrow(ConsoleRequestError);
    await expect(sut.round()).rejects.toThrow('GET /api/signals failed: fetch failed (ECONNREFUSED)');
  });
});
