import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type {
  JoinAnswer,
  ResumeAnswer,
  WallChange,
  WallClientEvents,
  WallServerEvents,
} from '@app/contracts';
import { AccessAudit } from '@app/persistence';
import { AppLogger } from '@app/platform';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SESSION_ENDED, TokenService } from '../auth/token.service';
import { defaultRooms, departmentRoom, refusalToJoin } from './wall-access';
import { WallCatchUp } from './wall-catch-up';
import { WallSender } from './wall-sender';

export { departmentRoom, SUPERVISORS_ROOM } from './wall-access';

interface WallSocketData {
  user?: AuthenticatedUser;
  /** Since when the user's sessions held when the token was checked (`TokenSession.validFrom`). */
  validFrom?: number;
}

type WallServer = Server<WallClientEvents, WallServerEvents, Record<string, never>, WallSocketData>;
type WallSocket = Socket<WallClientEvents, WallServerEvents, Record<string, never>, WallSocketData>;

function handshakeToken(socket: WallSocket): string | undefined {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/**
 * The alarm wall's live feed and the departments' notification rooms. The handshake must carry a
 * login token (`io({ auth: { token } })`). Supervisors and auditors join `supervisors` (every
 * change); a department officer joins only `department:<id>` of their own department, and asking
 * for any other room is refused and recorded. `resume` sends what a reconnecting client missed,
 * read from the outbox within what the user may see (`WallCatchUp`). Live changes go out in
 * batches: what arrives between two flushes (at most 20 a second) makes one `signal` frame per
 * room, the changes as its arguments.
 */
@WebSocketGateway({ path: '/socket.io', cors: false, perMessageDeflate: false })
export class WallGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() server!: WallServer;
  private readonly sender = new WallSender({
    members: (room) => this.server?.sockets.adapter.rooms.get(room),
    send: (socketIds, changes) => this.server.to(socketIds).emit('signal', ...changes),
  });

  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(WallCatchUp) private readonly catchUp: WallCatchUp,
  ) {}

  afterInit(server: WallServer): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
  }

  handleConnection(socket: WallSocket): void {
    const user = socket.data.user;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    for (const room of defaultRooms(user)) void socket.join(room);
  }

  /** Asks for one more room: `{ room: "department:<id>" }`; answered `{ ok, room }` or `{ ok: false, error }`. */
  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: WallSocket, @MessageBody() body: unknown): Promise<JoinAnswer> {
    const user = socket.data.user;
    const room = typeof body === 'string' ? body : (body as { room?: unknown } | null)?.room;
    if (!user || typeof room !== 'string')
      return { ok: false, error: 'say which room: { room: "department:<id>" }' };
    const refusal = refusalToJoin(user, room);
    if (refusal) {
      await this.recordRefusal(socket, user, room, 403, refusal);
      return { ok: false, error: refusal };
    }
    await socket.join(room);
    return { ok: true, room };
  }

  /**
   * `{ from, seen }` → the missed changes the user may see, oldest first. The token is checked
   * again, so a user deactivated (or moved to another role) since the handshake gets nothing more.
   */
  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: WallSocket, @MessageBody() body: unknown): Promise<ResumeAnswer> {
    const token = handshakeToken(socket);
    let user: AuthenticatedUser;
    try {
      if (!token) throw new Error('missing login token');
      const session = await this.tokens.session(token);
      user = session.user;
      socket.data.validFrom = session.validFrom;
    } catch (error) {
      const reason = (error as Error).message;
      await this.recordRefusal(socket, socket.data.user ?? null, 'resume', 401, reason);
      socket.disconnect(true);
      return { ok: false, error: `unauthorized: ${reason}` };
    }
    socket.data.user = user;
    const answer = await this.catchUp.resume(user, body);
    if (!answer.ok) await this.recordRefusal(socket, user, 'resume', 403, answer.error);
    return answer;
  }

  /**
   * Signal changes, to the supervisors and to each signal's department: one frame per room for what
   * arrived since the last flush, written a slice of sockets per turn of the event loop (`WallSender`).
   */
  publish(changes: readonly WallChange[]): void {
    this.sender.publish(changes);
  }

  /** A notification digest, to the department's room only. */
  notifyDepartment(departmentId: string, notification: unknown): void {
    this.server?.to(departmentRoom(departmentId)).emit('notification', notification);
  }

  private async authenticate(socket: WallSocket): Promise<void> {
    const token = handshakeToken(socket);
    if (!token) {
      await this.recordRefusal(socket, null, 'handshake', 401, 'missing login token');
      throw new Error('unauthorized: missing login token (auth.token)');
    }
    try {
      const session = await this.tokens.session(token);
      socket.data.user = session.user;
      socket.data.validFrom = session.validFrom;
    } catch (error) {
      const reason = (error as Error).message;
      await this.recordRefusal(socket, null, 'handshake', 401, reason);
      throw new Error(`unauthorized: ${reason}`);
    }
  }

  /**
   * Closes the sockets whose login ended since their handshake (the user deactivated, or their
   * role, department or password changed): they stop receiving at once, and the page's next
   * handshake is refused. Run every second by `WallSessionWatch`; returns how many it closed.
   */
  async endStaleSessions(): Promise<number> {
    const sockets = [...(this.server?.sockets.sockets.values() ?? [])].filter(
      (socket) => socket.data.user !== undefined && socket.data.validFrom !== undefined,
    );
    const ended = await this.tokens.endedSessions(
      sockets.map((socket) => ({
        userId: (socket.data.user as AuthenticatedUser).id,
        validFrom: socket.data.validFrom as number,
      })),
    );
    for (const index of ended) {
      const socket = sockets[index] as WallSocket;
      await this.recordRefusal(socket, socket.data.user ?? null, 'session', 401, SESSION_ENDED);
      socket.disconnect(true);
    }
    return ended.length;
  }

  private async recordRefusal(
    socket: WallSocket,
    user: AuthenticatedUser | null,
    target: string,
    status: number,
    reason: string,
  ): Promise<void> {
    await this.audit
      .recordRefusal({
        channel: 'socket',
        userId: user?.id ?? null,
        username: user?.username ?? null,
        role: user?.role ?? null,
        departmentId: user?.departmentId ?? null,
        address: socket.handshake.address ?? null,
        method: null,
        target,
        status,
        reason,
      })
      .catch((error: unknown) =>
        this.logger.pino.error({ err: error }, 'could not record a refused socket access'),
      );
  }
}
