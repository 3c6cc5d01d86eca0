import { CASE_READS } from '@app/persistence';
import { TestDatabase } from '../../support/pipeline-harness';

// ADR 0009: the pipeline's per-case reads stay index reads whatever the planner's statistics say,
// so a batch costs the same however large the audit store grows. Before, once ANALYZE had run, the
// history read of ~1,000 cases (`case_id = ANY($1)`) could turn into a sequential scan of the
// whole audit_events table.
describe('per-case reads of the pipeline', () => {
  const database = new TestDatabase();
  const CASES = 20_000;
  const EVENTS_PER_CASE = 10;

  beforeAll(async () => {
    await database.create();
    await database.query(
      `INSERT INTO audit_events (event_id, case_id, item_code, department_id, type, occurred_at, event,
                                 topic, partition, kafka_offset)
       SELECT 'E-' || c || '-' || n, 'C-' || c, 'XK-001', 'D-' || (c % 12), 'case.submitted',
              timestamptz '2026-03-01T00:00:00Z' + (c || ' minutes')::interval + (n || ' hours')::interval,
              jsonb_build_object('eventId', 'E-' || c || '-' || n, 'caseId', 'C-' || c, 'payload', '{}'::jsonb),
              'approval.events', c % 6, c * 100 + n
         FROM generate_series(1, $1::int) AS c, generate_series(1, $2::int) AS n`,
      [CASES, EVENTS_PER_CASE],
    );
    await database.query(
      `INSERT INTO cases (case_id, item_code, department_id, partition, phase, event_count, last_occurred_at)
       SELECT 'C-' || c, 'XK-001', 'D-' || (c % 12), c % 6, 'running', 10, now() FROM generate_series(1, $1::int) AS c`,
      [CASES],
    );
    await database.query(
      `INSERT INTO signals (alert_key, case_id, item_code, department_id, rule_id, stage, level, raised_at,
                            triggered_by, message, details)
       SELECT 'C-' || c || '|TIME_WARNING|', 'C-' || c, 'XK-001', 'D-' || (c % 12), 'TIME_WARNING', 'during',
              'yellow', now(), 'timer', '即将超期', '{}'::jsonb
         FROM generate_series(1, $1::int, 3) AS c`,
      [CASES],
    );
    await database.query('ANALYZE');
  }, 120_000);

  afterAll(async () => {
    await database.drop();
  });

  /** Every scan node of a plan: its type and relation. */
  async function scans(sql: string, caseIds: string[]): Promise<string[]> {
    const [row] = await database.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, [caseIds]);
    const found: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      const relation = node['Relation Name'];
      if (typeof relation === 'string') found.push(`${String(node['Node Type'])} on ${relation}`);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((row?.['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]?.Plan ?? {});
    return found;
  }

  const batchOfCases = (count: number) =>
    Array.from({ length: count }, (_, i) => `C-${1 + ((i * 7919) % CASES)}`).sort();

  it.each([
    ['loadCaseEvents', 'audit_events'],
    ['caseVersions', 'cases'],
    ['caseSignals', 'signals'],
    ['lockCaseSignals', 'signals'],
  ] as const)('%s reads %s through an index for 1 and for 2,000 cases after ANALYZE', async (name, table) => {
    const sql = CASE_READS[name];
    for (const count of [1, 2_000]) {
      const plan = await scans(sql, batchOfCases(count));
      expect(plan.filter((scan) => scan.endsWith(` on ${table}`))).not.toHaveLength(0);
      // an index scan, or a bitmap heap scan driven by an index: never a sequential scan
      expect(plan.filter((scan) => !/Index|Bitmap Heap/.test(scan))).toEqual([]);
    }
  });

  it('the naive form of the history read is what the planner turns into a sequential scan', async () => {
    // the control: the same read written `case_id = ANY($1)` over many cases, as before ADR 0009
    const plan = await scans(
      'SELECT case_id, event, seq FROM audit_events WHERE case_id = ANY($1::text[]) ORDER BY case_id, occurred_at, seq',
      batchOfCases(8_000),
    );
    expect(plan).toContain('Seq Scan on audit_events');
  });
});
