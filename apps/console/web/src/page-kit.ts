// What the workspaces' pages share to build themselves: a table with its header row, buttons and
// labelled form fields.
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

/** A labelled control, its title above it and a hint under it when given; `kind` adds the page's class. */
export function field(title: string, control: HTMLElement, kind = '', hint?: string): HTMLLabelElement {
  return h(
    'label',
    { class: kind ? `field ${kind}` : 'field' },
    h('span', { text: title }),
    control,
    hint ? h('small', { class: 'muted', text: hint }) : null,
  );
}

/** The button that submits a form; `data` marks it for the tests. */
export function submitButton(text: string, data?: Record<string, string>): HTMLButtonElement {
  return h('button', { class: 'primary', text, attrs: { type: 'submit' }, data });
}
