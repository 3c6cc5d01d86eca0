// The wall's header: title, clock, connection badge, and the buttons to the report and the alarm
// tone. Who is logged in, the language switch and logging out are in the workspace navigation above.
import { h } from './dom';
import { clock } from './format';
import { t } from './i18n';
import { label } from './label';
import type { AlertSound } from './sound';

export interface HeaderActions {
  /** The tone changed: every text of the page again. */
  relabel(): void;
}

export class WallHeader {
  readonly element: HTMLElement;
  private readonly clockElement = h('span', { class: 'clock' });
  private ticking: number | undefined;
  private readonly report = h('button', {
    class: 'ghost',
    data: { testid: 'open-report' },
    onClick: () => (location.hash = '#report'),
  });
  private readonly soundButton = h('button', { class: 'ghost' });

  constructor(
    private readonly sound: AlertSound,
    connection: HTMLElement,
    actions: HeaderActions,
  ) {
    this.soundButton.addEventListener('click', () => {
      this.sound.toggle();
      actions.relabel();
    });
    this.relabel();
    this.element = h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, label('h1', 'title'), label('span', 'subtitle', 'muted')),
      h('div', { class: 'top-right' }, this.clockElement, connection, this.report, this.soundButton),
    );
  }

  /** Shows the time and keeps it going, a tick a second. */
  startClock(): void {
    this.tick();
    window.clearInterval(this.ticking);
    this.ticking = window.setInterval(() => this.tick(), 1000);
  }

  stopClock(): void {
    window.clearInterval(this.ticking);
  }

  /** The texts that are not plain labels, in the current language. */
  relabel(): void {
    const texts = t();
    this.report.textContent = texts.evaluation.openReport;
    this.soundButton.textContent = this.sound.enabled ? texts.soundOn : texts.soundOff;
  }

  private tick(): void {
    this.clockElement.textContent = clock(Date.now());
  }
}
