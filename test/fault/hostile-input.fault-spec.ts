// Hostile input, against the real pipeline and console processes, Kafka and PostgreSQL:
// - thousands of fast-check-generated malformed messages (every category of docs/events.md § Validation,
//   invalid by construction, plus text no store can keep), interleaved with valid traffic and
//   edge-valid events: every malformed one is a dead letter with a reason, in the table and on the
//   DLQ topic; every valid one is stored exactly once; the pipeline never stops; the lag returns to 0;
// - every console endpoint (read from its OpenAPI document) driven with hostile query strings,
//   bodies and path ids: never a 5xx, every refusal a 4xx with a JSON message, the process alive.
import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { FaultRecorder } from '../support/fault-results';
import { CONTRACT_VIOLATIONS, edgeValidEvents, hostileMessages, UNSTORABLE } from '../support/hostile-events';
import {
  callerOf,
  encodeComponent,
  EXTRA_ROUTES,
  hostileBody,
  hostileQuery,
  hostileText,
  routesOf,
} from '../support/rest-fuzz';
import { eventually } from '../support/service-process';
import { SystemBed } from '../support/system-bed';
import { workload } from '../support/workload';

const SEED = 20_261_202;
const PER_KIND = 140;
const REST_CASES_PER_ROUTE = 24;

describe('hostile input', () => {
  const recorder = new FaultRecorder('hostile-input');
  const bed = new SystemBed({
    demoPassword: 'fault-demo-password',
    consoleEnvironment: { LOGIN_THROTTLE_PER_ADDRESS: '100000', LOGIN_THROTTLE_PER_USERNAME: '100000' },
    pipelineEnvironment: { KAFKA_SESSION_TIMEOUT_MS: '10000' },
  });

  beforeAll(async () => {
    await bed.setUp(1);
  });

  afterAll(async () => {
    process.stdout.write(`hostile input: process output in ${bed.saveOutput('fault-hostile')}\n`);
    await bed.tearDown();
  });

  const consoleApp = () => bed.consoles[0]!;

  it('dead-letters every malformed message with its reason, stores every valid one once, and never stops', async () => {
    const traffic = workload(3_000, { seed: 31, malformedShare: 0, duplicateShare: 0.02 });
    const hostile = hostileMessages({ templates: traffic.uniqueEvents, seed: SEED, perKind: PER_KIND });
    const edges = edgeValidEvents(150, SEED);
    expect(hostile.length).toBeGreaterThanOrEqual(2_000);

    // interleaved: hostile, valid and edge-valid messages in one shuffled stream
    const valid = [
      ...traffic.messages.map((m) => ({ key: m.key, value: m.value as Buffer | null })),
      ...edges.map((e) => ({ key: e.key as string | null, value: e.value as Buffer | null })),
    ];
    const stream = fc.sample(
      fc.shuffledSubarray([...valid, ...hostile.map((h) => ({ key: h.key, value: h.value }))], {
        minLength: valid.length + hostile.length,
      }),
      { numRuns: 1, seed: SEED },
    )[0]!;
    const pid = bed.pipeline.pid;
    const started = Date.now();
    await bed.topic.produce(stream, 200);
    await eventually(
      'the pipeline to consume the hostile stream to the end',
      async () => ((await bed.topic.lag(bed.pipeline.groupId)) === 0 ? true : undefined),
      180_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${bed.pipeline.output.slice(-3000)}`);
    });
    const drainedMs = Date.now() - started;

    // the process that started is the one that finished: it never stopped
    expect(bed.pipeline.alive).toBe(true);
    expect(bed.pipeline.pid).toBe(pid);
    expect(bed.pipeline.starts).toBe(1);

    // every malformed message is a dead letter with a reason: the same bytes, as many times as sent
    const deadLetters = await bed.database.query<{ raw: Buffer; reason: string }>(
      'SELECT raw, reason FROM dead_letters',
    );
    const sentBad = hostile.map((h) => (h.value ?? Buffer.alloc(0)).toString('base64')).sort();
    expect(deadLetters.map((d) => d.raw.toString('base64')).sort()).toEqual(sentBad);
    expect(deadLetters.filter((d) => d.reason.trim().length === 0)).toEqual([]);
    expect(await bed.pipeline.metric('jiancha_dead_letters_total')).toBe(hostile.length);

    // …and on the dead-letter topic, each with its reason and origin in the headers
    // (published before the batch's transaction, at least once: a retried batch publishes again, so
    // a consumer dedupes by origin, as it would by the dead letter's topic, partition and offset)
    const origin = (m: KafkaMessage) =>
      `${String(m.headers?.['x-dlq-partition'])}/${String(m.headers?.['x-dlq-offset'])}`;
    const published = await readTopic(bed.topic.deadLetters, hostile.length, origin);
    const dlq = [...new Map(published.map((m) => [origin(m), m])).values()];
    expect(dlq.map((m) => (m.value ?? Buffer.alloc(0)).toString('base64')).sort()).toEqual(sentBad);
    expect(dlq.filter((m) => String(m.headers?.['x-dlq-reason'] ?? '').length === 0)).toEqual([]);
    expect(new Set(dlq.map((m) => String(m.headers?.['x-dlq-topic'])))).toEqual(new Set([bed.topic.name]));

    // every valid event exactly once: the workload's and the edge-valid ones
    const expectedIds = [...traffic.uniqueEvents.map((e) => e.eventId), ...edges.map((e) => e.event.eventId)];
    const stored = await bed.database.query<{ event_id: string }>('SELECT event_id FROM audit_events');
    expect(stored).toHaveLength(expectedIds.length);
    expect(new Set(stored.map((r) => r.event_id))).toEqual(new Set(expectedIds));

    const byKind = new Map<string, number>();
    for (const message of hostile) byKind.set(message.kind, (byKind.get(message.kind) ?? 0) + 1);
    const reasons = await bed.database.query<{ reason: string; n: string }>(
      `SELECT split_part(reason, ':', 1) AS reason, count(*) AS n FROM dead_letters GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
    );
    const section = 'Generated business-system messages (fast-check, seed ' + String(SEED) + ')';
    recorder.record(section, 'messages sent', stream.length, 'one shuffled stream, 200 per produce call');
    recorder.record(section, 'valid events (workload, 2 % duplicates)', traffic.messages.length);
    recorder.record(
      section,
      'edge-valid events',
      edges.length,
      'extra fields incl. `__proto__`, years 0001 and 9999, long text, any Unicode',
    );
    recorder.record(section, 'malformed messages', hostile.length);
    const byCategory: [string, readonly string[]][] = [
      ['Malformed per docs/events.md, by category', CONTRACT_VIOLATIONS],
      ['Beyond the contract: text no store keeps', UNSTORABLE],
    ];
    for (const [title, kinds] of byCategory)
      for (const kind of kinds)
        recorder.record(title, kind, byKind.get(kind) ?? 0, 'all dead-lettered with a reason');
    recorder.record(
      section,
      'dead letters (table / DLQ topic, by origin)',
      `${deadLetters.length} / ${dlq.length}`,
    );
    recorder.record(
      section,
      'DLQ messages published again by a retried batch',
      published.length - dlq.length,
      'at least once; same origin headers',
    );
    recorder.record(
      section,
      'valid events stored / expected',
      `${stored.length} / ${expectedIds.length}`,
      'lost 0, doubled 0',
    );
    recorder.record(section, 'pipeline restarts', 0, 'the same process from start to end');
    recorder.record(section, 'time to lag 0 (ms)', drainedMs);
    // a field path 31 levels deep is shortened: the table names the field, not the whole path
    const field = (reason: string) => (reason.length > 24 ? `${reason.slice(0, 20)}…` : reason);
    recorder.record(
      section,
      'most frequent reasons (field named)',
      reasons.map((r) => `${field(r.reason)} (${r.n})`).join('; '),
    );
  });

  it('answers every endpoint fuzzed with hostile queries, bodies and ids with a 4xx and a message, never a 5xx', async () => {
    const document = (await (await fetch(`${consoleApp().url}/api/docs/openapi.json`)).json()) as Parameters<
      typeof routesOf
    >[0];
    const routes = [...routesOf(document), ...EXTRA_ROUTES];
    expect(routes.length).toBeGreaterThan(40);
    const tokens = new Map<string, string>();
    for (const username of new Set(routes.map((r) => callerOf(r.path))))
      tokens.set(username, await bed.loginToken(consoleApp(), username));

    const serverErrors: string[] = [];
    const refusalsWithoutMessage: string[] = [];
    const bodiesAccepted: string[] = [];
    let requests = 0;
    let refused = 0;
    for (const [index, route] of routes.entries()) {
      const cases = fc.sample(
        fc.record({
          ids: fc.array(hostileText, {
            minLength: route.pathParams.length,
            maxLength: route.pathParams.length,
          }),
          query: hostileQuery(route.query),
          body: route.body
            ? hostileBody(route.body).map((b) => b as typeof b | undefined)
            : fc.constant(undefined),
        }),
        { numRuns: REST_CASES_PER_ROUTE, seed: SEED + index },
      );
      for (const draw of cases) {
        let path = route.path;
        route.pathParams.forEach(
          (name, i) => (path = path.replace(`{${name}}`, encodeComponent(draw.ids[i] ?? ''))),
        );
        const target = `${path}?${draw.query}`;
        const response = await fetch(`${consoleApp().url}${target}`, {
          method: route.method,
          headers: {
            authorization: `Bearer ${tokens.get(callerOf(route.path))}`,
            ...(draw.body ? { 'content-type': draw.body.contentType } : {}),
          },
          body: draw.body?.text,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        requests += 1;
        const what = `${route.method} ${target.slice(0, 160)} ${draw.body?.description ?? ''} → ${response.status} ${text.slice(0, 200)}`;
        if (response.status >= 500) serverErrors.push(what);
        if (response.status >= 400) {
          refused += 1;
          let message: unknown;
          try {
            message = (JSON.parse(text) as { message?: unknown }).message;
          } catch {
            message = undefined;
          }
          if (
            !(typeof message === 'string' ? message.length > 0 : Array.isArray(message) && message.length > 0)
          )
            refusalsWithoutMessage.push(what);
        } else if (draw.body) bodiesAccepted.push(what);
      }
    }
    expect(serverErrors).toEqual([]);
    expect(refusalsWithoutMessage).toEqual([]);
    // every body is invalid by construction: none may be accepted
    expect(bodiesAccepted).toEqual([]);
    expect(consoleApp().alive).toBe(true);
    expect((await fetch(`${consoleApp().url}/health`)).status).toBe(200);

    const section = 'Fuzzed REST requests (fast-check, seed ' + String(SEED) + ')';
    recorder.record(
      section,
      'endpoints (from the OpenAPI document, plus /health and /metrics)',
      routes.length,
    );
    recorder.record(
      section,
      'requests',
      requests,
      `${REST_CASES_PER_ROUTE} per endpoint: hostile query, body and path ids`,
    );
    recorder.record(section, 'answered 4xx with a JSON message', refused);
    recorder.record(
      section,
      'answered 2xx (a hostile filter value that is a legal string)',
      requests - refused,
    );
    recorder.record(section, 'answered 5xx', serverErrors.length);
    recorder.record(section, 'console restarts', 0);
    recorder.save();
  });

  async function readTopic(
    topic: string,
    count: number,
    identity: (message: KafkaMessage) => string,
  ): Promise<KafkaMessage[]> {
    const consumer = bed.topic.kafka.consumer({ groupId: `fault-dlq-${bed.suffix}` });
    const messages: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void messages.push(message)) });
      await eventually(
        'the dead-letter topic to be read',
        () => Promise.resolve(new Set(messages.map(identity)).size >= count ? true : undefined),
        60_000,
      );
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }
});
