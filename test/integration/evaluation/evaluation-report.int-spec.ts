// The performance evaluation (绩效评估) end to end: the fixture month of test/fixtures/evaluation
// goes through the real broker into the real pipeline process, the console registers its signals,
// officers answer and a supervisor closes one as justified over REST, and the report, the quarter,
// the items and the CSV must show exactly the figures computed by hand (README.md there).
import path from 'node:path';
import type {
  DepartmentEvaluationView as DepartmentEvaluation,
  EvaluationReportView,
  ItemsReportView,
} from '@app/contracts';
import { ConsoleTestBed, eventually, PipelineChild, repoRoot } from '../../support/console-harness';
import { csvObjects } from '../../support/csv';
import expected from '../../fixtures/evaluation/expected.json';
import { MARCH_2026_EVENTS } from '../../fixtures/evaluation/march-2026';

const SIGNALS = 14;
const SUPERSEDED = 3;
const keys = {
  feeRed: 'EV-S7|FEE_NOT_IN_CATALOG|EV-S7#2',
  refusalYellow: 'EV-J6|REFUSAL_WITHOUT_REASON|EV-J6#2',
  stepYellow: 'EV-Z3|STEP_OVERDUE|review#1',
};

const bed = new ConsoleTestBed({ CATALOG_DIR: path.join(repoRoot, 'test/fixtures/evaluation/catalog') });
const pipeline = new PipelineChild(bed);

async function report(period: string, as = 'jiancha'): Promise<EvaluationReportView> {
  const answer = await bed.call<EvaluationReportView>('GET', `/api/evaluation/report?period=${period}`, {
    as,
  });
  if (answer.status !== 200)
    throw new Error(`report ${period}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function act(alertKey: string, action: string, as: string, body: Record<string, unknown>) {
  const answer = await bed.call('POST', `/api/signals/${encodeURIComponent(alertKey)}/${action}`, {
    as,
    body,
  });
  if (answer.status !== 200)
    throw new Error(`${action} ${alertKey} as ${as}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The fields the hand computation covers, in the order the report gives them. */
const scorecard = (d: DepartmentEvaluation) => ({
  rank: d.rank,
  departmentId: d.departmentId,
  departmentName: d.departmentName,
  score: d.score,
  grade: d.grade,
  gradeCapped: d.gradeCapped,
  deductions: d.deductions,
  bonuses: d.bonuses,
  months: d.months,
  indicators: d.indicators,
});

beforeAll(async () => {
  await bed.setUp();
  await pipeline.start();
  await bed.produceEvents(MARCH_2026_EVENTS);
  await eventually(
    `${MARCH_2026_EVENTS.length} events stored, ${SIGNALS} signals registered, ${SUPERSEDED} superseded`,
    async () => {
      const [row] = await bed.query<{
        events: string;
        signals: string;
        unregistered: string;
        superseded: string;
      }>(
        `SELECT (SELECT count(*) FROM audit_events) AS events, (SELECT count(*) FROM signals) AS signals,
                (SELECT count(*) FROM signals WHERE recorded_status IS DISTINCT FROM status) AS unregistered,
                (SELECT count(*) FROM signals WHERE escalated_to IS NOT NULL) AS superseded`,
      );
      return Number(row?.events) === MARCH_2026_EVENTS.length &&
        Number(row?.signals) === SIGNALS &&
        Number(row?.unregistered) === 0 &&
        Number(row?.superseded) === SUPERSEDED
        ? true
        : undefined;
    },
    90_000,
  );
});

afterAll(async () => {
  await pipeline.stop();
  await bed.tearDown();
});

describe('the performance evaluation of the fixture month (March 2026)', () => {
  it('keeps in the case projection how each case ended', async () => {
    const rows = await bed.query<{
      case_id: string;
      result: string | null;
      time_used_days: number | null;
      on_time: boolean | null;
    }>(`SELECT case_id, result, time_used_days, on_time FROM cases WHERE case_id = ANY($1::text[])`, [
      Object.keys(expected.caseOutcomes),
    ]);

    const outcomes = Object.fromEntries(
      rows.map((row) => [
        row.case_id,
        { result: row.result, timeUsedDays: row.time_used_days, onTime: row.on_time },
      ]),
    );
    expect(outcomes).toEqual(expected.caseOutcomes);
  });

  it('ranks the departments as computed by hand before anyone acted on a signal', async () => {
    const sut = await report('2026-03');

    expect(
      sut.departments.map(({ rank, departmentId, score, grade }) => ({ rank, departmentId, score, grade })),
    ).toEqual(expected.beforeLifecycle['2026-03']);
  });

  describe('after the departments answered and a supervisor closed the red card as justified', () => {
    beforeAll(async () => {
      await act(keys.feeRed, 'acknowledge', 'officer-scj', { text: '已签收' });
      await act(keys.feeRed, 'respond', 'officer-scj', {
        responseKind: 'explanation',
        text: 'F-99 为省级新设收费项目，目录尚未更新，已附批复文件',
      });
      await act(keys.feeRed, 'close', 'jiancha', { verdict: 'justified', text: '情况属实，理由正当' });
      await act(keys.refusalYellow, 'acknowledge', 'officer-jtj', { text: '已签收' });
      await act(keys.refusalYellow, 'respond', 'officer-jtj', {
        responseKind: 'correction',
        text: '已补充不予受理理由及法律依据',
      });
      // the step yellow goes unanswered until its response deadline has passed (days, in reality)
      await bed.query(`UPDATE signals SET response_due_at = now() - interval '1 hour' WHERE alert_key = $1`, [
        keys.stepYellow,
      ]);
      await eventually('the overdue sweep to flag the unanswered yellow', async () => {
        const [row] = await bed.query<{ overdue_at: Date | null }>(
          `SELECT overdue_at FROM signals WHERE alert_key = $1`,
          [keys.stepYellow],
        );
        return row?.overdue_at ? true : undefined;
      });
    });

    it('shows every hand-computed figure of the month: scores, grades, deductions, bonuses, indicators', async () => {
      const sut = await report('2026-03');

      expect(sut.period).toMatchObject({
        label: '2026-03',
        kind: 'month',
        running: false,
        from: '2026-02-28T16:00:00.000Z',
      });
      expect(sut.ranked).toBe(3);
      expect(sut.departments.map(scorecard)).toEqual(expected.march);
    });

    it('scores the quarter as the mean of its months, a standing red keeping 94.17 at 良好', async () => {
      const sut = await report('2026-Q1');

      expect(
        sut.departments.map(({ rank, departmentId, score, grade, gradeCapped, months }) => ({
          rank,
          departmentId,
          score,
          grade,
          gradeCapped,
          months,
        })),
      ).toEqual(expected.quarter);
    });

    it('gives the indicators of each item of a department', async () => {
      const answer = await bed.call<ItemsReportView>(
        'GET',
        '/api/evaluation/items?period=2026-03&departmentId=scj',
        {
          as: 'shenji',
        },
      );

      expect(answer.status).toBe(200);
      expect(
        answer.body.items.map(({ itemCode, indicators: i }) => ({
          itemCode,
          completed: i.completed,
          onTime: i.onTime,
          early: i.early,
          averageDaysUsed: i.averageDaysUsed,
          events: i.events,
          signalsRaised:
            i.signals.warning.raised +
            i.signals.yellow.raised +
            i.signals.red.raised +
            i.lateReports +
            i.sequenceErrors,
        })),
      ).toEqual(expected.scjItems);
    });

    it('shows an officer only their own department, with its rank among all', async () => {
      const sut = await report('2026-03', 'officer-zjj');

      expect(sut.departmentId).toBe('zjj');
      expect(sut.ranked).toBe(3);
      expect(sut.departments.map((d) => [d.rank, d.departmentId, d.score])).toEqual([[3, 'zjj', 82.5]]);
    });

    it("refuses an officer another department's items, and records the refusal", async () => {
      const answer = await bed.call<{ message: string }>(
        'GET',
        '/api/evaluation/items?period=2026-03&departmentId=scj',
        {
          as: 'officer-zjj',
        },
      );

      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe('you may only see department zjj');
      const recorded = await eventually('the refusal in the access audit', async () => {
        const [row] = await bed.query<{ username: string; status: number }>(
          `SELECT username, status FROM access_refusals WHERE target LIKE '/api/evaluation/items%' ORDER BY id DESC LIMIT 1`,
        );
        return row;
      });
      expect(recorded).toEqual({ username: 'officer-zjj', status: 403 });
    });

    it('exports a CSV that parses back to exactly the numbers of the report, and records the export', async () => {
      const json = await report('2026-03');
      const answer = await bed.call<string>('GET', '/api/evaluation/report.csv?period=2026-03', {
        as: 'jiancha',
      });

      expect(answer.status).toBe(200);
      const rows = csvObjects(answer.body);
      const number = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));
      const parsed = rows.map((row) => ({
        rank: number(row['排名 (rank)']),
        departmentId: row['部门编码 (departmentId)'],
        departmentName: row['部门 (departmentName)'],
        score: number(row['得分 (score)']),
        grade: row['等级 (grade)'],
        completed: number(row['办结件数 (completed)']),
        onTimeRate: number(row['按时办结率 (onTimeRate)']),
        earlyRate: number(row['提前办结率 (earlyRate)']),
        averageDaysUsed: number(row['平均用时 (averageDaysUsed)']),
        warnings: number(row['预警 (warning)']),
        yellows: number(row['黄牌 (yellow)']),
        reds: number(row['红牌 (red)']),
        justified: number(row['理由正当销号 (justified)']),
        noticesLate: number(row['督办逾期 (noticesLate)']),
        responseTimeliness: number(row['督办回复及时率 (responseTimeliness)']),
        events: number(row['事件数 (events)']),
        dataTimeliness: number(row['数据报送及时率 (dataTimeliness)']),
        redPoints: number(row['扣分·红牌 (deduction.red)']),
        earlyPoints: number(row['加分·提前办结 (bonus.early_completion)']),
      }));
      const gradeNames = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
      expect(parsed).toEqual(
        json.departments.map((d) => ({
          rank: d.rank,
          departmentId: d.departmentId,
          departmentName: d.departmentName,
          score: d.score,
          grade: gradeNames[d.grade],
          completed: d.indicators.completed,
          onTimeRate: d.indicators.onTimeRate,
          earlyRate: d.indicators.earlyRate,
          averageDaysUsed: d.indicators.averageDaysUsed,
          warnings: d.indicators.signals.warning.raised,
          yellows: d.indicators.signals.yellow.raised,
          reds: d.indicators.signals.red.raised,
          justified:
            d.indicators.signals.warning.justified +
            d.indicators.signals.yellow.justified +
            d.indicators.signals.red.justified,
          noticesLate: d.indicators.notices.late,
          responseTimeliness: d.indicators.responseTimeliness,
          events: d.indicators.events,
          dataTimeliness: d.indicators.dataTimeliness,
          redPoints: d.deductions.find((line) => line.code === 'red')?.points,
          earlyPoints: d.bonuses.find((line) => line.code === 'early_completion')?.points,
        })),
      );
      expect(parsed.map((row) => row.score)).toEqual([97.5, 96, 82.5]);
      const [audit] = await bed.query<{ actor_username: string; action: string; target: string }>(
        `SELECT actor_username, action, target FROM operator_audit WHERE action = 'evaluation-export' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ actor_username: 'jiancha', action: 'evaluation-export', target: '2026-03' });
    });

    it.each([
      ['2026-3', /^period: must be a month YYYY-MM \(e\.g\. 2026-03\) or a quarter YYYY-Qn/],
      ['2026-Q5', /^period: must be a month YYYY-MM/],
      ["2026-03' OR '1'='1", /^period: must be a month YYYY-MM/],
      ['2099-01', /period: period 2099-01 has not begun/],
    ])('refuses the period %j with a 400 that says what is accepted', async (period, message) => {
      const answer = await bed.call<{ message: string }>(
        'GET',
        `/api/evaluation/report?period=${encodeURIComponent(period)}`,
        {
          as: 'jiancha',
        },
      );

      expect(answer.status).toBe(400);
      expect([answer.body.message].flat().join('; ')).toMatch(message);
    });
  });
});
