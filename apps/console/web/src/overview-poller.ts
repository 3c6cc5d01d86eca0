// Reads the wall's overview (tiles, board, charts) every 10 s and one second after changes arrive,
// with the filters; not while the socket is reconnecting, when the counts would be stale anyway.
import type { WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import type { Api } from './api';

const OVERVIEW_INTERVAL_MS = 10_000;
const OVERVIEW_AFTER_CHANGE_MS = 1_000;

export interface OverviewSource {
  /** The filters as query parameters. */
  query(): string;
  reconnecting(): boolean;
  show(overview: WallOverview): void;
}

export class OverviewPoller {
  private timer: number | undefined;

  constructor(
    private readonly api: Api,
    private readonly source: OverviewSource,
  ) {}

  /** Reads it at once (started, reconnected, filters changed). */
  refreshNow(): void {
    this.schedule(0);
  }

  /** Reads it shortly: changes arrived, and more may follow. */
  refreshSoon(): void {
    this.schedule(OVERVIEW_AFTER_CHANGE_MS);
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }

  private schedule(delay: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    // while disconnected the counts would be stale anyway; they are fetched again on reconnection
    if (this.source.reconnecting()) {
      this.schedule(OVERVIEW_INTERVAL_MS);
      return;
    }
    try {
      const overview = await this.api.get<WallOverview>(`/api/wall/overview?${this.source.query()}`);
      this.source.show(overview);
    } catch (error) {
      console.warn('wall: could not refresh the overview', error);
    } finally {
      this.schedule(OVERVIEW_INTERVAL_MS);
    }
  }
}
