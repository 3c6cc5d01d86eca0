import { Inject, Injectable } from '@nestjs/common';
import { AppLogger } from '@app/platform';
import { BackgroundJob } from '../common/background-job';
import { WallGateway } from './wall.gateway';

/**
 * Every second, closes the wall sockets whose login ended (issue 17: sessions follow the truth):
 * a deactivated officer, or one moved to another department, stops receiving the old department's
 * live signals within two seconds, on every console instance, whichever instance changed the user.
 */
@Injectable()
export class WallSessionWatch extends BackgroundJob {
  override readonly intervalMs = 1_000;

  constructor(
    @Inject(WallGateway) private readonly gateway: WallGateway,
    @Inject(AppLogger) logger: AppLogger,
  ) {
    super('wall session watch', logger);
  }

  override run(): Promise<number> {
    return this.gateway.endStaleSessions();
  }
}
