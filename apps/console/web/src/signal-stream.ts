// The stream of signals (实时信号流): the list of rows, newest first, kept in step with the stream's
// state. A new row flashes for a while, and a new red one plays the alarm tone when it is on.
import type { WallChange, WallSilence, WallSnapshot } from '../../../../libs/contracts/src/wall-protocol';
import { h } from './dom';
import { dateTime } from './format';
import { language, ruleDescription, ruleName, t } from './i18n';
import { label } from './label';
import type { AlertSound } from './sound';
import { StreamState, type StreamFilter, type StreamRow } from './stream-state';

/** How a change reached the page: live, caught up after a drop, or settling a fresh snapshot. */
export type Arrival = 'live' | 'missed' | 'settling';

const FRESH_MS = 6_000;

export interface StreamRowActions {
  departmentName(id: string): string;
  familyOf(ruleId: string): string;
  openCase(caseId: string): void;
  /** The silences in force over the signal (the wall marks it). */
  silencesOver(signal: { departmentId: string; ruleId: string }): WallSilence[];
}

export class SignalStream {
  readonly element: HTMLElement;
  private readonly state: StreamState;
  private readonly list = h('ul', { class: 'stream', data: { testid: 'stream' } });
  private readonly empty = label('p', 'streamEmpty', 'muted empty');
  private readonly rowElements = new Map<string, HTMLLIElement>();

  constructor(
    private readonly actions: StreamRowActions,
    private readonly sound: AlertSound,
  ) {
    this.state = new StreamState((ruleId) => actions.familyOf(ruleId));
    this.element = h(
      'section',
      { class: 'panel stream-panel' },
      label('h2', 'stream'),
      this.empty,
      this.list,
    );
  }

  /** Replaces every row with the snapshot's. */
  load(snapshot: WallSnapshot): void {
    this.state.load(snapshot.signals, snapshot.sequence);
    this.list.replaceChildren();
    this.rowElements.clear();
    for (const row of this.state.visible()) this.list.append(this.renderRow(row, false));
  }

  /** Applies one change (already de-duplicated); false when the stream did not take it. */
  apply(change: WallChange, filter: StreamFilter, how: Arrival): boolean {
    const applied = this.state.apply(change, filter);
    if (applied === 'ignored') return false;
    const row = this.state.row(change.signal.alertKey);
    if (!row) return false;
    const fresh = applied === 'added' && how !== 'settling';
    const element = this.renderRow(row, fresh);
    if (applied === 'added') {
      element.dataset.arrival = how;
      this.list.prepend(element);
      this.trim();
      if (fresh && row.signal.level === 'red') this.sound.play();
    }
    this.showEmpty();
    return true;
  }

  /** The "no signals" line, shown while the stream is empty. */
  showEmpty(): void {
    this.empty.hidden = this.state.visible().length > 0;
  }

  /** Every row in the current language. */
  relabel(): void {
    for (const row of this.state.visible()) this.renderRow(row, false);
  }

  /** Removes the rows the state dropped and hides the ones it does not show. */
  private trim(): void {
    const keep = new Set(this.state.visible().map((row) => row.signal.alertKey));
    for (const [key, element] of this.rowElements) {
      if (!this.state.row(key)) {
        element.remove();
        this.rowElements.delete(key);
      } else element.hidden = !keep.has(key);
    }
  }

  /** Creates or updates a row's element in place (a flashing row keeps flashing). */
  private renderRow(row: StreamRow, fresh: boolean): HTMLLIElement {
    const signal = row.signal;
    const texts = t();
    let element = this.rowElements.get(signal.alertKey);
    if (!element) {
      element = h('li', {
        data: { key: signal.alertKey, caseId: signal.caseId, shownAt: String(Date.now()) },
        onClick: () => this.actions.openCase(signal.caseId),
      });
      this.rowElements.set(signal.alertKey, element);
      if (fresh) {
        element.classList.add('fresh');
        window.setTimeout(() => element?.classList.remove('fresh'), FRESH_MS);
      }
    }
    element.dataset.sequence = String(row.lastSequence);
    element.dataset.level = signal.level;
    element.dataset.status = signal.status;
    element.classList.remove('red', 'yellow', 'warning');
    element.classList.add(signal.level);
    element.classList.toggle('retracted', signal.status === 'retracted');
    element.classList.toggle('closed', signal.status === 'closed');
    element.classList.toggle('overdue', signal.overdueAt !== null);
    element.hidden = signal.escalatedTo !== null;
    element.title = `${signal.caseId} · ${signal.message}`;
    const department = this.actions.departmentName(signal.departmentId);
    // the engine's message is Chinese; in English the rule's own description stands beside its title
    const detail = language() === 'zh' ? signal.message : ruleDescription(signal.ruleId) || signal.message;
    const silences = this.actions.silencesOver(signal);
    const silence = silences[0];
    if (silence) element.dataset.silenced = silences.map((s) => s.id).join(' ');
    else delete element.dataset.silenced;
    element.dataset.urged = String(signal.urgeCount ?? 0);
    element.replaceChildren(
      h('span', { class: `badge ${signal.level}`, text: texts.levels[signal.level] }),
      h('time', { text: dateTime(signal.raisedAt), attrs: { datetime: signal.raisedAt } }),
      h('span', { class: 'dept', text: department, title: department }),
      h(
        'span',
        { class: 'what', title: `${ruleName(signal.ruleId)} · ${signal.message}` },
        h('strong', { text: ruleName(signal.ruleId) }),
        h('span', { class: 'muted', text: detail }),
      ),
      h('span', { class: 'case', text: signal.caseId, title: signal.caseId, data: { testid: 'case-id' } }),
      h(
        'span',
        { class: 'status' },
        signal.overdueAt && signal.status !== 'closed'
          ? `${texts.statuses[signal.status]} · ${texts.overdueFlag}`
          : texts.statuses[signal.status],
        signal.urgeCount
          ? h('span', {
              class: 'tag urged',
              text: texts.urgedTimes(signal.urgeCount),
              data: { testid: 'urged' },
            })
          : null,
        silence
          ? h('span', {
              class: 'tag silenced',
              text: texts.silencedMark,
              title: silences
                .map((s) => texts.silencedTitle(s.reason, dateTime(s.endsAt), s.createdBy))
                .join('\n'),
              data: { testid: 'silenced' },
            })
          : null,
      ),
    );
    return element;
  }
}
