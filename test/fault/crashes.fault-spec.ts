// Crashes, on a Kafka broker of the test's own (ports 19292/19293; the shared broker is never
// touched): `kill -9` of the pipeline mid-batch, of the console while wall clients (a supervisor and
// a department officer, socket.io) are connected, and of the broker while the pipeline consumes;
// each restarted. Then: every valid event in the audit store once, every malformed one a dead
// letter once, every signal raised once and none lost against the offline replay of what was sent,
// the consumer lag at 0, and each client holding exactly the outbox changes of its scope (after its
// dedupe by sequence), caught up through the wall's resume protocol.
import { FaultRecorder } from '../support/fault-results';
import { OwnBroker } from '../support/own-broker';
import { TestTopic } from '../support/pipeline-harness';
import { replaySignals } from '../support/replay-oracle';
import { eventually } from '../support/service-process';
import { SystemBed } from '../support/system-bed';
import { WallClient } from '../support/wall-client';
import { toKafka, workload } from '../support/workload';

describe('crashes', () => {
  const recorder = new FaultRecorder('crashes');
  const broker = new OwnBroker(19292, 19293);
  const sample = workload(6_000, { seed: 41, malformedShare: 0.03, duplicateShare: 0.03 });
  let bed: SystemBed;
  const clients: WallClient[] = [];

  beforeAll(async () => {
    await broker.up();
    bed = new SystemBed({
      demoPassword: 'fault-demo-password',
      topic: new TestTopic(3, broker.brokers),
      environment: { KAFKA_BROKERS: broker.brokers },
      pipelineEnvironment: { KAFKA_SESSION_TIMEOUT_MS: '6000' },
    });
    await bed.setUp(1);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    if (bed) {
      process.stdout.write(`crashes: process output in ${bed.saveOutput('fault-crashes')}\n`);
      await bed.tearDown();
    }
    await broker.dispose();
  });

  const lagIsZero = (what: string, timeoutMs = 120_000) =>
    eventually(
      what,
      async () => ((await bed.topic.lag(bed.pipeline.groupId)) === 0 ? true : undefined),
      timeoutMs,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${bed.pipeline.output.slice(-3000)}`);
    });

  it('loses and doubles nothing, and every connected client catches up, through kill -9 of the pipeline, the console and the broker', async () => {
    const consoleApp = bed.consoles[0]!;
    const token = (username: string) => () => bed.loginToken(consoleApp, username);
    const supervisor = new WallClient('supervisor jiancha', null, () => consoleApp.url, token('jiancha'));
    const officer = new WallClient('officer of scjgj', 'scjgj', () => consoleApp.url, token('officer-scjgj'));
    clients.push(supervisor, officer);
    await Promise.all(clients.map((c) => c.connect()));
    const thirds = [0, 1, 2].map((i) =>
      sample.messages.slice(
        Math.floor((i * sample.messages.length) / 3),
        Math.floor(((i + 1) * sample.messages.length) / 3),
      ),
    );

    // 1. the pipeline dies mid-batch and comes back
    await bed.topic.produce(toKafka(thirds[0]!));
    await eventually('the pipeline to be mid-stream', async () =>
      (await bed.database.count('audit_events')) > 300 ? true : undefined,
    );
    const pipelineKilled = Date.now();
    await bed.pipeline.kill9();
    const storedAtKill = await bed.database.count('audit_events');
    await bed.pipeline.start();
    await lagIsZero('the restarted pipeline to catch up');
    const pipelineRecoveryMs = Date.now() - pipelineKilled;
    expect(storedAtKill).toBeLessThan(sample.uniqueEvents.length);

    // 2. the console dies while its clients are connected and signals flow; it comes back on its port
    const flowing = bed.topic.produce(toKafka(thirds[1]!), 100);
    await eventually('signals to flow to the clients', () =>
      Promise.resolve(supervisor.sequences.size > 0 ? true : undefined),
    );
    const consoleKilled = Date.now();
    const connectionsBefore = clients.map((c) => c.connections);
    await consoleApp.kill9();
    await flowing;
    await consoleApp.start();
    await eventually('both clients to reconnect and resume', async () => {
      const back = clients.every((c, i) => c.connected && c.connections > (connectionsBefore[i] ?? 0));
      if (!back) return undefined;
      await Promise.all(clients.map((c) => c.settled()));
      return true;
    });
    const consoleRecoveryMs = Date.now() - consoleKilled;

    // 3. the broker dies while the pipeline consumes the last third; it comes back
    await bed.topic.produce(toKafka(thirds[2]!));
    const brokerKilled = Date.now();
    broker.kill9();
    await broker.up();
    const brokerBackMs = Date.now() - brokerKilled;
    await lagIsZero('the pipeline to finish after the broker came back', 180_000);
    const brokerRecoveryMs = Date.now() - brokerKilled;
    expect(bed.pipeline.alive).toBe(true);
    expect(consoleApp.alive).toBe(true);

    // events: every valid one once, every malformed one a dead letter once
    const stored = await bed.database.query<{ event_id: string }>('SELECT event_id FROM audit_events');
    const expectedIds = new Set(sample.uniqueEvents.map((e) => e.eventId));
    const storedIds = new Set(stored.map((r) => r.event_id));
    const lostEvents = [...expectedIds].filter((id) => !storedIds.has(id)).length;
    expect(lostEvents).toBe(0);
    expect(stored).toHaveLength(expectedIds.size);
    expect(await bed.database.count('dead_letters')).toBe(sample.malformed.length);

    // signals: each raised once, none lost or extra against the replay of what was sent
    const cutoff = Date.now() - 5_000;
    const [raised] = await bed.database.query<{ raised: string; keys: string }>(
      `SELECT count(*) AS raised, count(DISTINCT alert_key) AS keys FROM signal_outbox WHERE kind = 'raised'`,
    );
    const signalCount = await bed.database.count('signals');
    expect(Number(raised?.raised)).toBe(Number(raised?.keys));
    expect(Number(raised?.keys)).toBe(signalCount);
    const live = new Set(
      (
        await bed.database.query<{ alert_key: string }>(
          `SELECT alert_key FROM signals WHERE status <> 'retracted' AND raised_at <= $1`,
          [new Date(cutoff).toISOString()],
        )
      ).map((r) => r.alert_key),
    );
    const expected = new Set(replaySignals(sample.uniqueEvents, cutoff).map((s) => s.alertKey));
    const lostSignals = [...expected].filter((key) => !live.has(key));
    const extraSignals = [...live].filter((key) => !expected.has(key));
    expect(lostSignals).toEqual([]);
    expect(extraSignals).toEqual([]);

    // clients: exactly the outbox changes of their scope, no gap, nothing twice after dedupe
    await bed.outboxPublished();
    const gaps: Record<string, number> = {};
    await eventually(
      'every client to hold exactly the changes of its scope',
      async () => {
        // read again each time: the console may still append changes (registrations, escalations)
        // after the pipeline caught up, and a client that got them is ahead, not wrong
        const outbox = await bed.database.query<{ sequence: string; department_id: string }>(
          'SELECT sequence, department_id FROM signal_outbox',
        );
        let done = true;
        for (const client of clients) {
          const scope = outbox
            .filter((row) => client.departmentId === null || row.department_id === client.departmentId)
            .map((row) => Number(row.sequence));
          gaps[client.label] = scope.filter((s) => !client.sequences.has(s)).length;
          if (gaps[client.label] !== 0 || client.sequences.size !== scope.length) done = false;
        }
        return done ? true : undefined;
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: missing ${JSON.stringify(gaps)}; ${clients.map((c) => c.errors.slice(-3).join(' | ')).join(' || ')}`,
      );
    });
    for (const client of clients) expect(client.errors.filter((e) => e.startsWith('got '))).toEqual([]);
    expect(await bed.topic.lag(bed.pipeline.groupId)).toBe(0);

    const events = 'Events (simulator backfill, 3 % duplicates, 3 % malformed)';
    recorder.record(events, 'messages produced', sample.messages.length);
    recorder.record(events, 'valid unique events / stored', `${expectedIds.size} / ${stored.length}`);
    recorder.record(events, 'events lost', lostEvents);
    recorder.record(events, 'events doubled', stored.length - storedIds.size);
    recorder.record(
      events,
      'dead letters (malformed sent / stored)',
      `${sample.malformed.length} / ${sample.malformed.length}`,
    );
    recorder.record(events, 'stored when the pipeline was killed', storedAtKill);
    recorder.record(events, 'consumer lag at the end', 0);
    const signals = 'Signals';
    recorder.record(signals, 'signals stored', signalCount);
    recorder.record(signals, "outbox 'raised' changes per alert key", 1, 'raised once each');
    recorder.record(signals, 'signals lost against the offline replay', lostSignals.length);
    recorder.record(signals, 'signals doubled or extra against the replay', extraSignals.length);
    const recovery = 'Recovery (from the kill to the state named)';
    recorder.record(recovery, 'pipeline kill -9 → restarted, lag 0 (ms)', pipelineRecoveryMs);
    recorder.record(recovery, 'console kill -9 → restarted, both clients resumed (ms)', consoleRecoveryMs);
    recorder.record(
      recovery,
      'broker kill -9 → broker accepting clients (ms)',
      brokerBackMs,
      'the controller waits out the dead session',
    );
    recorder.record(recovery, 'broker kill -9 → pipeline at lag 0 (ms)', brokerRecoveryMs);
    const caughtUp = 'Wall clients (socket.io, resume from sequence)';
    for (const client of clients) {
      recorder.record(
        caughtUp,
        client.label,
        `${client.sequences.size} changes, 0 missing`,
        `${client.connections} connections, ${client.resumes} resume answers, ${client.repeats} repeats skipped`,
      );
    }
    recorder.save();
  });
});
