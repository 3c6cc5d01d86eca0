// The socket.io connection of the wall: authenticated handshake, live changes, and `resume` for
// what was missed while disconnected. What the socket receives is decided by the server.
import { io, type Socket } from 'socket.io-client';
import type {
  ResumeAnswer,
  ResumeRequest,
  WallChange,
  WallClientEvents,
  WallServerEvents,
} from '../../../../libs/contracts/src/wall-protocol';

type WallSocket = Socket<WallServerEvents, WallClientEvents>;

export type FeedStatus = 'connecting' | 'live' | 'reconnecting';

export interface FeedHandlers {
  status(status: FeedStatus): void;
  /** The socket is connected and in its rooms (`again`: after a drop). */
  connected(again: boolean): void;
  change(change: WallChange): void;
  /** The server refused the token: log in again. */
  unauthorized(): void;
}

export class LiveFeed {
  private socket: WallSocket | undefined;
  private connectedBefore = false;

  constructor(
    private readonly token: string,
    private readonly handlers: FeedHandlers,
  ) {}

  start(): void {
    this.handlers.status('connecting');
    const socket: WallSocket = io({
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: this.token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 4_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.handlers.status('live');
      this.handlers.connected(this.connectedBefore);
      this.connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      this.handlers.status('reconnecting');
      // the server closed it (the login ended, e.g. the account changed): ask again, and the
      // handshake says whether the token still holds
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message.startsWith('unauthorized')) {
        socket.disconnect();
        this.handlers.unauthorized();
      } else this.handlers.status('reconnecting');
    });
    // a frame carries a batch of changes, oldest first
    socket.on('signal', (...changes) => {
      for (const change of changes) this.handlers.change(change);
    });
  }

  async resume(request: ResumeRequest): Promise<ResumeAnswer> {
    if (!this.socket) throw new Error('not started');
    return (await this.socket.timeout(15_000).emitWithAck('resume', request)) as ResumeAnswer;
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }
}
