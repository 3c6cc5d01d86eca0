import { Global, Module } from '@nestjs/common';
import { AlertsFeed } from '../alerts/alerts-feed';
import { WallCatchUp } from '../wall/wall-catch-up';
import { WallGateway } from '../wall/wall.gateway';
import { WallSessionWatch } from '../wall/wall-session-watch';

/**
 * Role `ws`: the live wall's socket.io gateway, fed by its own reading of `supervision.alerts`
 * (every instance reads every change), the catch-up after a reconnection, and the watch that
 * closes the sockets of logins that ended. It exports the
 * gateway, so a worker in the same process also pushes notification digests to the rooms.
 */
@Global()
@Module({ providers: [WallGateway, WallCatchUp, AlertsFeed, WallSessionWatch], exports: [WallGateway] })
export class WsModule {}
