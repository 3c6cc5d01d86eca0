// The rows of a table of 通知设置 being edited (its contacts, its subscriptions): each row ends with
// a button that removes it, and an empty table says so in one line across its columns.
import { h } from './dom';
import { type NotifyTexts, notifyTexts } from './notify-texts';
import { button, table } from './page-kit';

/** One edited row: its element, and whatever controls it holds. */
export interface EditedRow {
  readonly row: HTMLTableRowElement;
}

export interface EditableRowsOptions {
  /** The table's test id. */
  testid: string;
  /** The column titles in the current language, the last one over the remove buttons. */
  titles: (texts: NotifyTexts) => string[];
  /** What the table says when it has no rows. */
  empty: (texts: NotifyTexts) => string;
  /** The test id of a row's remove button. */
  removeTestid: string;
}

export class EditableRows<T extends EditedRow> {
  private readonly body = h('tbody');
  private entries: T[] = [];

  constructor(private readonly options: EditableRowsOptions) {}

  /** The rows, in the table's order. */
  get all(): readonly T[] {
    return this.entries;
  }

  /** The table, its rows drawn as they are edited. */
  table(): HTMLTableElement {
    return table(
      'data-table notify-table',
      this.options.titles(notifyTexts()),
      this.body,
      this.options.testid,
    );
  }

  /** These rows instead of those there were. */
  replace(entries: readonly T[]): void {
    for (const entry of entries) this.addRemoveButton(entry);
    this.entries = [...entries];
    this.show();
  }

  /** One row more, at the end. */
  add(entry: T): void {
    this.addRemoveButton(entry);
    this.entries.push(entry);
    this.show();
  }

  private addRemoveButton(entry: T): void {
    entry.row.lastElementChild?.append(
      button(
        notifyTexts().remove,
        () => {
          this.entries = this.entries.filter((e) => e !== entry);
          this.show();
        },
        this.options.removeTestid,
        'ghost small',
      ),
    );
  }

  private show(): void {
    const texts = notifyTexts();
    this.body.replaceChildren(
      ...(this.entries.length === 0
        ? [
            h(
              'tr',
              { class: 'notify-empty' },
              h('td', {
                class: 'muted small',
                text: this.options.empty(texts),
                attrs: { colspan: String(this.options.titles(texts).length) },
              }),
            ),
          ]
        : this.entries.map((entry) => entry.row)),
    );
  }
}
