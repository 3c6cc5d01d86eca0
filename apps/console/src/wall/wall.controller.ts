import { Controller, Get, Inject, Query, BadRequestException } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface SignalRow {
  alert_key: string;
  case_id: string;
  department_id: string;
  rule_id: string;
  level: string;
  stage: string;
  raised_at: Date;
  message: string;
  status: string;
}

/** Read API of the wall: recent signals and the tiles' counts. */
@Controller('api')
export class WallController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get('signals')
  async recentSignals(@Query('limit') limit = '100') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new BadRequestException('limit: an integer from 1 to 1000');
    const rows = await this.dataSource.query<SignalRow[]>(
      `SELECT alert_key, case_id, department_id, rule_id, level, stage, raised_at, message, status
         FROM signals ORDER BY raised_at DESC, alert_key LIMIT $1`,
      [n],
    );
    return rows.map((r) => ({
      alertKey: r.alert_key,
      caseId: r.case_id,
      departmentId: r.department_id,
      ruleId: r.rule_id,
      level: r.level,
      stage: r.stage,
      raisedAt: r.raised_at.toISOString(),
      message: r.message,
      status: r.status,
    }));
  }

  @Get('summary')
  async summary() {
    const [cases] = await this.dataSource.query<{ open: string; total: string }[]>(
      `SELECT count(*) FILTER (WHERE phase NOT IN ('completed','refused','decided')) AS open, count(*) AS total FROM cases`,
    );
    const levels = await this.dataSource.query<{ level: string; n: string }[]>(
      `SELECT level, count(*) AS n FROM signals WHERE status = 'open' GROUP BY level`,
    );
    const [events] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_events`);
    return {
      casesOpen: Number(cases?.open ?? 0),
      casesTotal: Number(cases?.total ?? 0),
      events: Number(events?.n ?? 0),
      openSignals: Object.fromEntries(levels.map((l) => [l.level, Number(l.n)])),
    };
  }
}
