import {
  BadRequestException,
  ConflictException,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { z } from 'zod';
import { ReplayDiffRow, ReplayRunStore, ReplaySignalRow } from '@app/persistence';
import { Actor, ReplayRunRecord } from '@app/contracts';
import { csvLine, CSV_BOM } from '../common/csv';
import type { ConsoleRequest } from '../auth/authenticated-user';
import { RequestActor, Roles } from '../auth/decorators';
import { ActionRoute, ApiController, ApiRoute, ReadRoute } from '../common/api-routes';
import { startDownload } from '../common/downloads';
import { orNotFound } from '../common/lookups';
import { ZodBody, ZodQuery } from '../common/zod-api';
import { sseEvent, startEventStream, StreamingResponse, writeChunk } from './http-stream';
import {
  compareQuery,
  diffQuery,
  exportQuery,
  listQuery,
  replayDiffView,
  replayRequest,
  replayRunView,
  replaySignalView,
  signalsQuery,
} from './replay-views';
import { ReplayService } from './replay.service';

/** How often a progress stream looks at the run (its row: any console instance may run it). */
const PROGRESS_POLL_MS = 400;
const KEEP_ALIVE_MS = 15_000;
const EXPORT_PAGE = 2000;

const SIGNAL_COLUMNS = [
  'alertKey',
  'caseId',
  'itemCode',
  'departmentId',
  'ruleId',
  'stage',
  'level',
  'raisedAt',
  'triggeredBy',
  'message',
  'details',
  'catalogVersion',
] as const;
const DIFF_COLUMNS = [
  'kind',
  'alertKey',
  'fields',
  'replayLevel',
  'liveLevel',
  'replayRaisedAt',
  'liveRaisedAt',
  'liveStatus',
  'replayCatalogVersion',
  'replayDetails',
  'liveDetails',
] as const;

function diffCsvValues(row: ReplayDiffRow): unknown[] {
  return [
    row.kind,
    row.alertKey,
    row.fields.join(' '),
    row.replay?.level,
    row.live?.level,
    row.replay?.raisedAt,
    row.live?.raisedAt,
    row.live?.status,
    row.replay?.catalogVersion,
    row.replay?.details,
    row.live?.details,
  ];
}

/**
 * Window replays (auditors, supervisors, administrators): run the stored events of a window again
 * through the rules with the catalogue in force or a candidate, isolated from the live signals,
 * with progress streamed as server-sent events; read the signals and the diff against what was
 * raised live; export them as CSV or JSONL. Every run and every export is in the operator audit.
 */
@ApiController('replay 回放复核', 'api/replays')
@Roles('auditor', 'supervisor', 'administrator')
export class ReplaysController {
  constructor(
    @Inject(ReplayService) private readonly replays: ReplayService,
    @Inject(ReplayRunStore) private readonly runs: ReplayRunStore,
  ) {}

  @Post()
  @ApiRoute(
    {
      summary:
        'Start a replay. Answers 202 with the queued run; with `Accept: text/event-stream`, streams its progress instead (events progress, done, failed).',
      produces: ['application/json', 'text/event-stream'],
      answers: ['the run, queued', replayRunView],
      refusals: [400, 401, 403],
    },
    202,
  )
  async start(
    @ZodBody(replayRequest) body: z.infer<typeof replayRequest>,
    @RequestActor() actor: Actor,
    @Req() request: ConsoleRequest,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    const run = await this.replays.submit(body, actor);
    const accept = request.headers.accept;
    if (typeof accept === 'string' && accept.includes('text/event-stream')) {
      await this.stream(run, response, 202);
      return;
    }
    response.status(202);
    response.setHeader('Location', `/api/replays/${run.id}`);
    response.json(run);
  }

  @ReadRoute(undefined, {
    summary: 'Replay runs, newest first: who asked, what, when, and the outcome',
    answers: ['runs', z.array(replayRunView)],
    refusals: [400, 401, 403],
  })
  list(@ZodQuery(listQuery) query: z.infer<typeof listQuery>): Promise<ReplayRunRecord[]> {
    return this.runs.list(query.limit);
  }

  @ReadRoute(':id', {
    summary: 'One run: status, progress, throughput, diff counts',
    answers: ['the run', replayRunView],
    refusals: [401, 403, 404],
  })
  async find(@Param('id', ParseUUIDPipe) id: string): Promise<ReplayRunRecord> {
    return this.found(id);
  }

  @ReadRoute(':id/progress', {
    summary:
      'Server-sent events: `progress` (the run) whenever it moves, then `done` or `failed`. Read it with fetch and the Authorization header.',
    produces: ['text/event-stream'],
    refusals: [401, 403, 404],
  })
  async progress(@Param('id', ParseUUIDPipe) id: string, @Res() response: StreamingResponse): Promise<void> {
    await this.stream(await this.found(id), response, 200);
  }

  @ReadRoute(':id/signals', {
    summary: 'The signals the replay raised in the window, by raisedAt then alertKey (keyset paging)',
    answers: ['signals', z.array(replaySignalView)],
    refusals: [400, 401, 403, 404],
  })
  async signals(
    @Param('id', ParseUUIDPipe) id: string,
    @ZodQuery(signalsQuery) query: z.infer<typeof signalsQuery>,
  ): Promise<ReplaySignalRow[]> {
    await this.found(id);
    const after =
      query.afterRaisedAt && query.afterAlertKey !== undefined
        ? { raisedAt: query.afterRaisedAt, alertKey: query.afterAlertKey }
        : undefined;
    return this.runs.signals(id, { limit: query.limit, after });
  }

  @ReadRoute(':id/diff', {
    summary:
      'The diff against the live signals of the window: missing (live did not raise it, or retracted it), extra (live raised it, replay does not), different (level, stage, raisedAt, trigger or details)',
    answers: ['diff rows by alertKey', z.array(replayDiffView)],
    refusals: [400, 401, 403, 404],
  })
  async diff(
    @Param('id', ParseUUIDPipe) id: string,
    @ZodQuery(diffQuery) query: z.infer<typeof diffQuery>,
  ): Promise<ReplayDiffRow[]> {
    await this.found(id);
    return this.runs.diffs(id, query);
  }

  @ActionRoute(':id/cancel', {
    summary:
      'Cancel a queued or running run: it ends failed with "cancelled by …" (the worker stops between two pages); recorded in the audit',
    answers: ['the run, cancelled', replayRunView],
    refusals: [401, 403, 404, 409],
  })
  @Roles('auditor', 'supervisor')
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @RequestActor() actor: Actor,
  ): Promise<ReplayRunRecord> {
    const run = await this.found(id);
    const cancelled = await this.runs.cancel(id, actor);
    if (!cancelled)
      throw new ConflictException(
        `replay ${id} is ${run.status}: only a queued or running one can be cancelled`,
      );
    return cancelled;
  }

  @ReadRoute(':id/compare', {
    summary:
      "What-if: this run against a base run over the same window and departments (e.g. a candidate catalogue against the one in force): missing (raised only by this run), extra (only by the base), different (both; fields lists what differs). `replay` is this run's signal, `live` the base's.",
    answers: ['diff rows by alertKey', z.array(replayDiffView)],
    refusals: [400, 401, 403, 404, 409],
  })
  @Roles('auditor', 'supervisor')
  async compare(
    @Param('id', ParseUUIDPipe) id: string,
    @ZodQuery(compareQuery) query: z.infer<typeof compareQuery>,
  ): Promise<ReplayDiffRow[]> {
    const [run, base] = await Promise.all([this.found(id), this.found(query.base)]);
    if (run.from !== base.from || run.end !== base.end)
      throw new BadRequestException(
        `base: run ${base.id} covers ${base.from} to ${base.end}, not ${run.from} to ${run.end}: compare runs over the same window`,
      );
    if (JSON.stringify(run.departments) !== JSON.stringify(base.departments))
      throw new BadRequestException(`base: run ${base.id} covers other departments`);
    for (const one of [run, base])
      if (one.status !== 'done')
        throw new ConflictException(`replay ${one.id} is ${one.status}: compare when both are done`);
    return this.runs.compare(id, query.base, { limit: query.limit, kind: query.kind, after: query.after });
  }

  @ReadRoute(':id/export', {
    summary: 'Download the signals or the diff as CSV (UTF-8 with BOM) or JSONL; recorded in the audit',
    produces: ['text/csv', 'application/x-ndjson'],
    refusals: [400, 401, 403, 404, 409],
  })
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @ZodQuery(exportQuery) query: z.infer<typeof exportQuery>,
    @RequestActor() actor: Actor,
    @Res() response: StreamingResponse,
  ): Promise<void> {
    const run = await this.found(id);
    if (run.status !== 'done')
      throw new ConflictException(`replay ${id} is ${run.status}: export when it is done`);
    await this.runs.recordExport(id, actor, {
      what: query.what,
      format: query.format,
      kind: query.kind ?? null,
    });
    const csv = query.format === 'csv';
    startDownload(
      response,
      csv ? 'text/csv' : 'application/x-ndjson',
      `replay-${id}-${query.what}${query.kind ? `-${query.kind}` : ''}.${query.format}`,
    );
    try {
      if (csv)
        await writeChunk(
          response,
          CSV_BOM + csvLine(query.what === 'signals' ? SIGNAL_COLUMNS : DIFF_COLUMNS),
        );
      if (query.what === 'signals') {
        let after: { raisedAt: string; alertKey: string } | undefined;
        for (;;) {
          const page = await this.runs.signals(id, { limit: EXPORT_PAGE, after });
          if (page.length === 0) break;
          let chunk = '';
          for (const row of page)
            chunk += csv ? csvLine(SIGNAL_COLUMNS.map((column) => row[column])) : `${JSON.stringify(row)}\n`;
          await writeChunk(response, chunk);
          const last = page[page.length - 1] as ReplaySignalRow;
          after = { raisedAt: last.raisedAt, alertKey: last.alertKey };
        }
      } else {
        let after: string | undefined;
        for (;;) {
          const page = await this.runs.diffs(id, { limit: EXPORT_PAGE, kind: query.kind, after });
          if (page.length === 0) break;
          let chunk = '';
          for (const row of page) chunk += csv ? csvLine(diffCsvValues(row)) : `${JSON.stringify(row)}\n`;
          await writeChunk(response, chunk);
          after = (page[page.length - 1] as ReplayDiffRow).alertKey;
        }
      }
      response.end();
    } catch {
      // the client went away mid-download: nothing more to send
      if (!response.writableEnded) response.end();
    }
  }

  private async found(id: string): Promise<ReplayRunRecord> {
    return orNotFound(await this.runs.get(id), `replay ${id}`);
  }

  /** Streams a run's progress until it is done or failed, or the client goes away. */
  private async stream(first: ReplayRunRecord, response: StreamingResponse, status: number): Promise<void> {
    startEventStream(response, status);
    let closed = false;
    response.on('close', () => (closed = true));
    let run: ReplayRunRecord | null = first;
    let sent = '';
    let lastWrite = Date.now();
    try {
      while (!closed && run) {
        const snapshot = JSON.stringify([run.status, run.eventsRead, run.signals, run.summary.phase]);
        if (snapshot !== sent) {
          sent = snapshot;
          lastWrite = Date.now();
          await writeChunk(response, sseEvent('progress', run));
        } else if (Date.now() - lastWrite > KEEP_ALIVE_MS) {
          lastWrite = Date.now();
          await writeChunk(response, ': keep-alive\n\n');
        }
        if (run.status === 'done' || run.status === 'failed') {
          await writeChunk(response, sseEvent(run.status, run));
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        run = await this.runs.get(run.id);
      }
    } catch {
      // the client went away
    }
    if (!response.writableEnded) response.end();
  }
}
