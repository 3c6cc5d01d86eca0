// How a tab of 后台管理 starts: it draws its section (heading, forms, empty tables), then loads
// what the tables show. A change made in the tab says so in the notice and loads them again.
import { h } from './dom';
import {
  type AdminContext,
  type AdminTab,
  attempt,
  type DepartmentRef,
  departmentName,
  departmentsInForce,
} from './admin-common';

export abstract class AdminSection implements AdminTab {
  readonly element: HTMLElement;

  protected constructor(
    protected readonly context: AdminContext,
    testid: string,
  ) {
    this.element = h('section', { class: 'admin-section', data: { testid } });
  }

  async start(): Promise<void> {
    this.element.replaceChildren(...this.draw());
    await this.load();
  }

  /** What the section shows, its tables empty until loaded. */
  protected abstract draw(): Node[];

  /** Reads what the tables show (again). */
  protected abstract load(): Promise<void>;

  /** Runs a change; when it succeeds, its message goes to the notice and the tables are loaded again. */
  protected change(action: () => Promise<string>): Promise<boolean> {
    return attempt(this.context.notice, async () => {
      this.context.notice.ok(await action());
      await this.load();
    });
  }
}

/** A tab that names departments: those of the catalogue in force, read before it draws. */
export abstract class DepartmentSection extends AdminSection {
  protected departments: DepartmentRef[] = [];

  override async start(): Promise<void> {
    this.departments = await departmentsInForce(this.context.http);
    await super.start();
  }

  /** A department's name in the current language, or its id when the catalogue does not know it. */
  protected departmentName(id: string): string {
    return departmentName(this.departments, id);
  }
}
