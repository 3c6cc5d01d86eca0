// The connection badge in the header: connecting, live, reconnecting, or catching up on what was
// missed after a reconnection. It remembers the socket's status for the parts that wait on it.
import { h } from './dom';
import { t } from './i18n';
import type { FeedStatus } from './live-feed';

export class ConnectionStatus {
  readonly element = h('span', { class: 'conn', data: { testid: 'connection' } });
  private status: FeedStatus = 'connecting';
  private catchingUp = false;

  /** The socket's last status. */
  get current(): FeedStatus {
    return this.status;
  }

  set(status: FeedStatus): void {
    this.status = status;
    this.render();
  }

  /** While a reconnection's catch-up runs the badge says so. */
  setCatchingUp(catchingUp: boolean): void {
    this.catchingUp = catchingUp;
    this.render();
  }

  render(): void {
    const texts = t();
    this.element.textContent = this.catchingUp
      ? texts.catchingUp
      : { connecting: texts.connecting, live: texts.live, reconnecting: texts.reconnecting }[this.status];
    this.element.className = `conn ${this.catchingUp ? 'catching-up' : this.status}`;
  }
}
