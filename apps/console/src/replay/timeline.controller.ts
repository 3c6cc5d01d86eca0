import { Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { OutOfScopeException } from '../common/lookups';
import { ApiParam } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '@app/contracts';
import {
  CatalogVersionStore,
  loadLiveCatalog,
  PgCaseTimelineReader,
  recordOperatorAction,
  SignalStore,
} from '@app/persistence';
import { foldCaseTimeline, largestPeerWindow, PagedSharedHistory } from '@app/rules';
import { Clock, TypedConfig } from '@app/platform';
import { AuthenticatedUser, scopeOf } from '../auth/authenticated-user';
import { CurrentUser, RequestActor, Roles } from '../auth/decorators';
import { CSV_BOM, csvLine } from '../common/csv';
import { startDownload } from '../common/downloads';
import { ZodQuery } from '../common/zod-api';
import type { StreamingResponse } from './http-stream';
import {
  TIMELINE_COLUMNS,
  timelineCsvRows,
  timelineJsonLines,
  type CaseTimelineView,
} from './timeline-export';
import { ApiController, ReadRoute } from '../common/api-routes';
import { viewOf } from '../signals/signal-views';
import { caseItemOf } from '../reference/reference-data';

/**
 * A case's timeline (办件全程回溯): every stored event in `occurredAt` then arrival order with the
 * deadlines as they stood after it (the rule engine's fold, step by step), the timers that fired
 * after the last event, every live signal with its status and its whole lifecycle trail (who did
 * what, when, from where). Shape: `docs/replay.md` § Case timeline.
 */
const timelineExportQuery = z.object({ format: z.enum(['csv', 'jsonl']).default('csv') });

@ApiController('replay 回放复核', 'api/cases')
export class TimelineController {
  private readonly reader: PgCaseTimelineReader;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SignalStore) private readonly signals: SignalStore,
    @Inject(CatalogVersionStore) private readonly versions: CatalogVersionStore,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.reader = new PgCaseTimelineReader(dataSource);
  }

  @ReadRoute(':caseId/timeline', {
    summary:
      'Every event with the deadlines after it, every signal with its status and every lifecycle action (an officer: own department only)',
    refusals: [401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiParam({ name: 'caseId', description: 'the case (办件) id' })
  timeline(
    @Param('caseId') caseId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseTimelineView> {
    return this.build(caseId, user);
  }

  @ReadRoute(':caseId/timeline/export', {
    summary:
      'Download the timeline: CSV (UTF-8 with BOM; a row per event, signal and lifecycle action) or JSONL (the case, then each event, the timers after the last event, each signal); recorded in the audit',
    produces: ['text/csv', 'application/x-ndjson'],
    refusals: [400, 401, 403, 404],
  })
  @Roles('supervisor', 'auditor', 'department_officer')
  @ApiParam({ name: 'caseId', description: 'the case (办件) id' })
  async export(
    @Param('caseId') caseId: string,
    @ZodQuery(timelineExportQuery) query: z.infer<typeof timelineExportQuery>,
    @CurrentUser() user: AuthenticatedUser,
    @RequestActor() actor: Actor,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    const timeline = await this.build(caseId, user);
    await this.dataSource.transaction((manager) =>
      recordOperatorAction(manager, actor, 'case.timeline.export', `case:${caseId}`, {
        format: query.format,
      }),
    );
    const csv = query.format === 'csv';
    const safeName = caseId.replace(/[^A-Za-z0-9._-]/g, '_');
    startDownload(
      response,
      csv ? 'text/csv' : 'application/x-ndjson',
      `timeline-${safeName}.${query.format}`,
    );
    response.end(
      csv
        ? CSV_BOM + csvLine(TIMELINE_COLUMNS) + timelineCsvRows(timeline).map(csvLine).join('')
        : timelineJsonLines(timeline),
    );
  }

  private async build(caseId: string, user: AuthenticatedUser): Promise<CaseTimelineView> {
    const events = await this.reader.events(caseId);
    const first = events[0];
    if (!first) throw new NotFoundException(`no case ${caseId}`);
    const scope = scopeOf(user);
    // the case belongs to the department of its first event, like its signals
    // another department's case answers like a missing one (no probing of ids), recorded as refused
    if (scope.departmentId !== null && first.event.departmentId !== scope.departmentId)
      throw new OutOfScopeException(`case ${caseId}`);

    const watermarkMs = this.clock.now() - this.config.values.TIMER_GRACE_MS;
    const { history, source } = await loadLiveCatalog(this.versions, this.config.values.CATALOG_DIR);
    const { uses, peers } = await this.reader.sharedHistory(events, largestPeerWindow(history));
    const shared = new PagedSharedHistory();
    shared.reset(uses, peers);
    const fold = foldCaseTimeline(events, history, shared, watermarkMs);
    const [live, transitions, projection] = await Promise.all([
      this.signals.list({ departmentId: null, caseId, limit: 1000, includeSuperseded: true }),
      this.reader.transitions(caseId),
      this.signals.findCase(caseId, { departmentId: null }),
    ]);
    // the item's and its steps' names, from the catalogue version that folded the case
    const item = history.all
      .find((version) => String(version.version) === fold.catalogVersion)
      ?.data.items.find((candidate) => candidate.code === first.event.itemCode);
    const folded = new Set(fold.signals.map((signal) => signal.alertKey));
    const liveKeys = new Set(live.map((signal) => signal.alertKey));
    return {
      caseId,
      itemCode: first.event.itemCode,
      item: item ? caseItemOf(item) : null,
      departmentId: first.event.departmentId,
      catalog: { version: fold.catalogVersion, source },
      watermark: fold.afterLastEvent.watermark,
      projection: projection === 'out-of-scope' ? null : projection,
      events: fold.steps,
      afterLastEvent: fold.afterLastEvent,
      signals: [...live]
        .sort((a, b) =>
          a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.alertKey < b.alertKey ? -1 : 1,
        )
        .map((signal) => ({
          ...viewOf(signal),
          // whether folding the stored events again raises it (a retracted one usually not)
          replayed: folded.has(signal.alertKey),
          lifecycle: transitions.filter((transition) => transition.alertKey === signal.alertKey),
        })),
      // raised by the fold but not stored live (the live pipeline has not got there yet, or a divergence)
      notRaisedLive: fold.signals.filter((signal) => !liveKeys.has(signal.alertKey)),
    };
  }
}
