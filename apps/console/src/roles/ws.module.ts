import { Global, Module } from '@nestjs/common';
import { AlertsFeed } from '../alerts/alerts-feed';
import { WallCatchUp } from '../wall/wall-catch-up';
import { WallGateway } from '../wall/wall.gateway';

/**
 * Role `ws`: the live wall's socket.io gateway, fed by its own reading of `supervision.alerts`
 * (every instance reads every change), and the catch-up after a reconnection. It exports the
 * gateway, so a worker in the same process also pushes notification digests to the rooms.
 */
@Global()
@Module({ providers: [WallGateway, WallCatchUp, AlertsFeed], exports: [WallGateway] })
export class WsModule {}
