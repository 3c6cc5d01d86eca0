// What the workspaces' pages share to build themselves: a table with its header row and buttons.
import { h } from './dom';

/** A column's header: its title, or a header cell of its own (a select-all column, say). */
export type ColumnTitle = string | HTMLTableCellElement;

/** A table of the given class with a header row; `body` is filled by the caller. */
export function table(
  className: string,
  titles: ColumnTitle[],
  body: HTMLTableSectionElement,
  testid?: string,
): HTMLTableElement {
  const header = titles.map((title) => (typeof title === 'string' ? h('th', { text: title }) : title));
  return h(
    'table',
    { class: className, ...(testid ? { data: { testid } } : {}) },
    h('thead', {}, h('tr', {}, ...header)),
    body,
  );
}

export function button(text: string, onClick: () => void, testid?: string, kind = ''): HTMLButtonElement {
  return h('button', {
    class: kind,
    text,
    attrs: { type: 'button' },
    ...(testid ? { data: { testid } } : {}),
    onClick: () => onClick(),
  });
}

/** The button that submits a form; `data` marks it for the tests. */
export function submitButton(text: string, data?: Record<string, string>): HTMLButtonElement {
  return h('button', { class: 'primary', text, attrs: { type: 'submit' }, data });
}
