// The wall's header: title, clock, connection badge, who is logged in, and the buttons to the
// report, the alarm tone, the language switch and logging out.
import type { SessionUser } from './api';
import { h } from './dom';
import { clock } from './format';
import { language, setLanguage, t } from './i18n';
import { label } from './label';
import type { AlertSound } from './sound';

export interface HeaderActions {
  /** The language or the tone changed: every text of the page again. */
  relabel(): void;
  logout(): void;
}

export class WallHeader {
  readonly element: HTMLElement;
  private readonly clockElement = h('span', { class: 'clock' });
  private readonly who = h('span', { class: 'who' });
  private readonly report = h('button', {
    class: 'ghost',
    data: { testid: 'open-report' },
    onClick: () => (location.hash = '#report'),
  });
  private readonly soundButton = h('button', { class: 'ghost' });
  private readonly languageButton = h('button', { class: 'ghost' });

  constructor(
    private readonly user: SessionUser,
    private readonly sound: AlertSound,
    connection: HTMLElement,
    actions: HeaderActions,
  ) {
    this.soundButton.addEventListener('click', () => {
      this.sound.toggle();
      actions.relabel();
    });
    this.languageButton.addEventListener('click', () => {
      setLanguage(language() === 'zh' ? 'en' : 'zh');
      actions.relabel();
    });
    const logout = label('button', 'logout', 'ghost');
    logout.addEventListener('click', () => actions.logout());
    this.relabel();
    this.element = h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, label('h1', 'title'), label('span', 'subtitle', 'muted')),
      h(
        'div',
        { class: 'top-right' },
        this.clockElement,
        connection,
        this.who,
        this.report,
        this.soundButton,
        this.languageButton,
        logout,
      ),
    );
  }

  /** Shows the time and keeps it going, a tick a second. */
  startClock(): void {
    this.tick();
    window.setInterval(() => this.tick(), 1000);
  }

  /** The texts that are not plain labels, in the current language. */
  relabel(): void {
    const texts = t();
    this.who.textContent = `${this.user.displayName} · ${texts.roles[this.user.role]}`;
    this.report.textContent = texts.evaluation.openReport;
    this.soundButton.textContent = this.sound.enabled ? texts.soundOn : texts.soundOff;
    this.languageButton.textContent = texts.language;
  }

  private tick(): void {
    this.clockElement.textContent = clock(Date.now());
  }
}
