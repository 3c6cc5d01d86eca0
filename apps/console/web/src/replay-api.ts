// The replay routes the auditor's workspace calls, and a run's progress as server-sent events read
// with fetch (an EventSource cannot send the login token), polling when the stream breaks.
import type { Api, Session } from './api';
import type { DiffKind, ReplayRunRecord } from '../../../../libs/contracts/src/replay-views';
import { parseSse, type DiffRow } from './replay-model';

/** Rows loaded into the page's table at most (the export has all of them). */
export const DIFF_ROWS_LOADED = 20_000;
const DIFF_PAGE = 5_000;

const finished = (run: ReplayRunRecord) => run.status === 'done' || run.status === 'failed';

/**
 * Follows a run until it is done or failed, calling `onRun` with each state; answers the last.
 * Stops (answering the last state seen) when `stop` aborts.
 */
export async function followRun(
  api: Api,
  session: Session,
  id: string,
  onRun: (run: ReplayRunRecord) => void,
  stop: AbortSignal,
): Promise<ReplayRunRecord | undefined> {
  let last: ReplayRunRecord | undefined;
  try {
    const response = await fetch(`/api/replays/${id}/progress`, {
      headers: { authorization: `Bearer ${session.token}`, accept: 'text/event-stream' },
      signal: stop,
    });
    if (response.ok && response.body) {
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSse(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          last = JSON.parse(event.data) as ReplayRunRecord;
          onRun(last);
        }
        if (last && finished(last)) {
          await reader.cancel().catch(() => undefined);
          return last;
        }
      }
    }
  } catch (error) {
    if (stop.aborted) return last;
    console.warn('replay progress stream broke, polling', error);
  }
  // the stream ended or broke before the end: poll the run
  while (!stop.aborted) {
    last = await api.get<ReplayRunRecord>(`/api/replays/${id}`);
    onRun(last);
    if (finished(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return last;
}

/**
 * Every diff row of a run (or of a what-if comparison against `base`), page by page, up to
 * `DIFF_ROWS_LOADED`; `truncated` when there are more.
 */
export async function loadDiff(
  api: Api,
  id: string,
  base?: string,
): Promise<{ rows: DiffRow[]; truncated: boolean }> {
  const rows: DiffRow[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(DIFF_PAGE) });
    if (base) query.set('base', base);
    if (after !== undefined) query.set('after', after);
    const page = await api.get<DiffRow[]>(`/api/replays/${id}/${base ? 'compare' : 'diff'}?${query}`);
    rows.push(...page);
    if (page.length < DIFF_PAGE) return { rows, truncated: false };
    if (rows.length >= DIFF_ROWS_LOADED) return { rows, truncated: true };
    after = page[page.length - 1]?.alertKey;
  }
}

export function exportDiff(
  api: Api,
  run: ReplayRunRecord,
  format: 'csv' | 'jsonl',
  kind?: DiffKind,
): Promise<void> {
  const query = new URLSearchParams({ what: 'diff', format });
  if (kind) query.set('kind', kind);
  return api.download(
    `/api/replays/${run.id}/export?${query}`,
    `replay-${run.id.slice(0, 8)}-diff${kind ? `-${kind}` : ''}.${format}`,
  );
}

export function exportTimeline(api: Api, caseId: string, format: 'csv' | 'jsonl'): Promise<void> {
  return api.download(
    `/api/cases/${encodeURIComponent(caseId)}/timeline/export?format=${format}`,
    `timeline-${caseId}.${format}`,
  );
}
