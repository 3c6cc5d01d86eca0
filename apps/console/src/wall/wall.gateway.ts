import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import type { SignalChange } from '@app/contracts';

/** Pushes signal changes to the wall: supervisors see all, a department its own room. */
@WebSocketGateway({ path: '/socket.io', cors: false, perMessageDeflate: false })
export class WallGateway {
  @WebSocketServer() server!: Server;

  broadcast(change: SignalChange): void {
    this.server.to('supervisors').to(`department:${change.signal.departmentId}`).emit('signal', change);
  }

  handleConnection(socket: { join(room: string): void }): void {
    socket.join('supervisors');
  }
}
