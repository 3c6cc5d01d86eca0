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
import { AccessAudit } from '@app/persistence';
import { AppLogger } from '@app/platform';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { TokenService } from '../auth/token.service';

export const SUPERVISORS_ROOM = 'supervisors';
export const departmentRoom = (departmentId: string) => `department:${departmentId}`;

type WallSocket = Socket;

function userOf(socket: WallSocket): AuthenticatedUser | undefined {
  return (socket.data as { user?: AuthenticatedUser }).user;
}

/**
 * The alarm wall's live feed and the departments' notification rooms. The handshake must carry a
 * login token (`io({ auth: { token } })`). Supervisors and auditors join `supervisors` (every
 * change); a department officer joins only `department:<id>` of their own department, and asking
 * for any other room is refused and recorded.
 */
@WebSocketGateway({ path: '/socket.io', cors: false, perMessageDeflate: false })
export class WallGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() server!: Server;

  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(AppLogger) private readonly logger: AppLogger,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket as WallSocket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
  }

  handleConnection(socket: WallSocket): void {
    const user = userOf(socket);
    if (!user) {
      socket.disconnect(true);
      return;
    }
    for (const room of this.defaultRooms(user)) void socket.join(room);
  }

  /** Asks for one more room: `{ room: "department:<id>" }`; answered `{ ok, room }` or `{ ok: false, error }`. */
  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: WallSocket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean; room?: string; error?: string }> {
    const user = userOf(socket);
    const room = typeof body === 'string' ? body : (body as { room?: unknown } | null)?.room;
    if (!user || typeof room !== 'string')
      return { ok: false, error: 'say which room: { room: "department:<id>" }' };
    const refusal = this.refusalToJoin(user, room);
    if (refusal) {
      await this.recordRefusal(socket, user, room, 403, refusal);
      return { ok: false, error: refusal };
    }
    await socket.join(room);
    return { ok: true, room };
  }

  /** A signal change, to the supervisors and to the signal's department. */
  broadcast(change: { signal: { departmentId: string } }): void {
    this.server.to(SUPERVISORS_ROOM).to(departmentRoom(change.signal.departmentId)).emit('signal', change);
  }

  /** A notification digest, to the department's room only. */
  notifyDepartment(departmentId: string, notification: unknown): void {
    this.server?.to(departmentRoom(departmentId)).emit('notification', notification);
  }

  private defaultRooms(user: AuthenticatedUser): string[] {
    if (user.role === 'supervisor' || user.role === 'auditor') return [SUPERVISORS_ROOM];
    if (user.role === 'department_officer' && user.departmentId) return [departmentRoom(user.departmentId)];
    return [];
  }

  private refusalToJoin(user: AuthenticatedUser, room: string): string | null {
    const isDepartmentRoom = /^department:[^\s]+$/.test(room);
    if (user.role === 'supervisor' || user.role === 'auditor') {
      return room === SUPERVISORS_ROOM || isDepartmentRoom ? null : `no room ${room}`;
    }
    if (user.role === 'department_officer' && user.departmentId && room === departmentRoom(user.departmentId))
      return null;
    return user.role === 'department_officer'
      ? `a department officer of ${user.departmentId ?? '?'} may only join ${departmentRoom(user.departmentId ?? '?')}`
      : `a ${user.role} has no wall room`;
  }

  private async authenticate(socket: WallSocket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0) {
      await this.recordRefusal(socket, null, 'handshake', 401, 'missing login token');
      throw new Error('unauthorized: missing login token (auth.token)');
    }
    try {
      (socket.data as { user?: AuthenticatedUser }).user = await this.tokens.authenticate(token);
    } catch (error) {
      const reason = (error as Error).message;
      await this.recordRefusal(socket, null, 'handshake', 401, reason);
      throw new Error(`unauthorized: ${reason}`);
    }
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
