// A socket.io client of the alarm wall outside the browser, speaking the wall's protocol as the page
// does (docs/wall.md § Catch-up): live `signal` frames (a batch of changes each), and on every
// (re)connection a `resume` with the highest sequence it has and the sequences it has seen, paging
// while `more`. It keeps every sequence it got and counts the ones that came twice, so a test can
// compare what it ended with against the outbox of its user's scope.
import { io, type Socket } from 'socket.io-client';
import type { ResumeAnswer, WallChange } from '@app/contracts';

const MAX_SEEN = 5_000;

export class WallClient {
  /** Every sequence received, live or by catch-up, once. */
  readonly sequences = new Set<number>();
  /** Changes that arrived again (the page skips them by sequence). */
  repeats = 0;
  connections = 0;
  resumes = 0;
  readonly errors: string[] = [];
  private socket: Socket | undefined;
  private resuming: Promise<void> = Promise.resolve();

  constructor(
    readonly label: string,
    /** The department an officer is scoped to; null for supervisors. */
    readonly departmentId: string | null,
    private readonly url: () => string,
    private readonly token: () => Promise<string>,
  ) {}

  async connect(): Promise<void> {
    const socket = io(this.url(), {
      transports: ['websocket'],
      auth: (callback) => void this.token().then((token) => callback({ token })),
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
    });
    this.socket = socket;
    // one frame carries a batch of changes, one per argument
    socket.on('signal', (...changes: WallChange[]) => this.take(changes));
    socket.on('connect', () => {
      this.connections += 1;
      this.resuming = this.resuming.then(() => this.catchUp());
    });
    socket.on('connect_error', (error) => this.errors.push(`connect: ${error.message}`));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await this.resuming;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Waits for the catch-ups started so far. */
  settled(): Promise<void> {
    return this.resuming;
  }

  /** `resume` until nothing more, as the page does after (re)connecting. */
  private async catchUp(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const have = [...this.sequences].sort((a, b) => a - b);
    const from = have.at(-1) ?? 0;
    const seen = have.slice(-MAX_SEEN);
    let after: number | undefined = have.length === 0 ? 0 : undefined;
    for (;;) {
      let answer: ResumeAnswer;
      try {
        answer = (await socket.timeout(10_000).emitWithAck('resume', { from, seen, after })) as ResumeAnswer;
      } catch (error) {
        // the connection dropped while asking: the next `connect` resumes again
        this.errors.push(`resume: ${(error as Error).message}`);
        return;
      }
      this.resumes += 1;
      if (!answer.ok) {
        this.errors.push(`resume refused: ${answer.error}`);
        return;
      }
      this.take(answer.changes);
      if (!answer.more || answer.changes.length === 0) return;
      after = answer.changes.at(-1)?.sequence;
    }
  }

  private take(changes: WallChange[]): void {
    for (const change of changes) {
      if (this.departmentId !== null && change.signal.departmentId !== this.departmentId)
        this.errors.push(`got ${change.signal.departmentId}'s change ${change.sequence}`);
      if (this.sequences.has(change.sequence)) this.repeats += 1;
      else this.sequences.add(change.sequence);
    }
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }
}
