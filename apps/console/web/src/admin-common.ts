// What the tabs of 后台管理 share: the API, the notice line, a table builder and form fields.
import { type Api, ApiError, type Session } from './api';
import { h } from './dom';
import { adminTexts } from './admin-texts';

/** One tab of the page: its element, filled when started. */
export interface AdminTab {
  readonly element: HTMLElement;
  start(): Promise<void>;
}

/** The notice line at the top of the page: what just happened, or why it was refused. */
export class Notice {
  readonly element = h('p', {
    class: 'admin-notice',
    data: { testid: 'admin-notice' },
    attrs: { role: 'status' },
  });

  ok(message: string): void {
    this.show(message, 'ok');
  }

  error(error: unknown): void {
    const texts = adminTexts();
    if (error instanceof ApiError)
      this.show(error.status === 403 ? texts.refused(error.message) : texts.failed(error.message), 'error');
    else this.show(texts.failed(error instanceof Error ? error.message : String(error)), 'error');
  }

  clear(): void {
    this.show('', '');
  }

  private show(message: string, kind: string): void {
    this.element.textContent = message;
    this.element.className = `admin-notice ${kind}`;
    this.element.dataset.kind = kind;
  }
}

export interface AdminContext {
  session: Session;
  http: Api;
  notice: Notice;
}

/** Runs an action of the page; its failure goes to the notice. Answers whether it succeeded. */
export async function attempt(notice: Notice, action: () => Promise<void>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    notice.error(error);
    return false;
  }
}

/** A table with a header row; `body` is filled by the caller. */
export function table(titles: string[], body: HTMLTableSectionElement, testid?: string): HTMLTableElement {
  return h(
    'table',
    { class: 'admin-table', ...(testid ? { data: { testid } } : {}) },
    h('thead', {}, h('tr', {}, ...titles.map((title) => h('th', { text: title })))),
    body,
  );
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'admin-field' }, h('span', { text: label }), control);
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

/** A department as the catalogue names it. */
export interface DepartmentRef {
  id: string;
  name: string;
}

/** The departments of the catalogue in force (for officers and webhooks). */
export async function departmentsInForce(http: Api): Promise<DepartmentRef[]> {
  const version = await http.get<{ data: { departments: DepartmentRef[] } }>(
    '/api/catalog/versions/in-force',
  );
  return version.data.departments;
}
