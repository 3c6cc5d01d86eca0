// What the tabs of 后台管理 share: the API, the notice line and the departments.
import { type Api, ApiError, type Session } from './api';
import { h, option } from './dom';
import { adminTexts } from './admin-texts';
import { aside, departmentLabel } from './i18n';

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

/** A part of a tab: its title, and the hint under it. */
export function sectionHeading(title: string, hint: string): HTMLElement[] {
  return [h('h2', { text: title }), h('p', { class: 'muted', text: hint })];
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

/** A department as the catalogue names it. */
export interface DepartmentRef {
  id: string;
  name: string;
  /** Its English name, when the catalogue gives one. */
  nameEn?: string | null;
}

/**
 * The departments of the catalogue in force (for officers and webhooks); none when it cannot be
 * read, and the tab names departments by their id.
 */
export async function departmentsInForce(http: Api): Promise<DepartmentRef[]> {
  return http
    .get<{ data: { departments: DepartmentRef[] } }>('/api/catalog/versions/in-force')
    .then((version) => version.data.departments)
    .catch(() => []);
}

/** A department's name in the current language, or its id when the catalogue does not know it. */
export function departmentName(departments: DepartmentRef[], id: string): string {
  const department = departments.find((d) => d.id === id);
  return department ? departmentLabel(department) : id;
}

/** A department to choose in a select: its name and its id. */
export function departmentOption(department: DepartmentRef, selected = false): HTMLOptionElement {
  return option(department.id, `${departmentLabel(department)}${aside(department.id)}`, selected);
}
