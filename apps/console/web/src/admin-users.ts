// 后台管理 · 用户: every user, creating one, deactivating and activating, resetting a password,
// changing role and department. The server refuses an administrator deactivating or demoting
// themselves; the page does not offer it either.
import type { WallRole } from '../../../../libs/contracts/src/wall-protocol';
import { h, option } from './dom';
import {
  type AdminContext,
  attempt,
  type DepartmentRef,
  departmentOption,
  sectionHeading,
} from './admin-common';
import { DepartmentSection } from './admin-section';
import { beijingDay } from './admin-format';
import { adminTexts } from './admin-texts';
import { t } from './i18n';
import { button, field, submitButton, table } from './page-kit';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: WallRole;
  departmentId: string | null;
  active: boolean;
  createdAt: string;
}

const ROLES: WallRole[] = ['supervisor', 'department_officer', 'auditor', 'administrator'];

function roleSelect(selected: WallRole, testid: string): HTMLSelectElement {
  const select = h(
    'select',
    { data: { testid } },
    ...ROLES.map((role) => option(role, t().roles[role], role === selected)),
  );
  return select;
}

function departmentSelect(
  departments: DepartmentRef[],
  selected: string | null,
  testid: string,
): HTMLSelectElement {
  return h(
    'select',
    { data: { testid } },
    option('', adminTexts().users.noDepartment, selected === null),
    ...departments.map((d) => departmentOption(d, d.id === selected)),
  );
}

/** Only an officer has a department: the select follows the role. */
function linkRoleAndDepartment(role: HTMLSelectElement, department: HTMLSelectElement): void {
  const sync = () => {
    const officer = role.value === 'department_officer';
    department.disabled = !officer;
    if (!officer) department.value = '';
    else if (department.value === '') department.selectedIndex = department.options.length > 1 ? 1 : 0;
  };
  role.addEventListener('change', sync);
  sync();
}

export class AdminUsersTab extends DepartmentSection {
  private readonly rows = h('tbody');

  constructor(context: AdminContext) {
    super(context, 'admin-users');
  }

  protected draw(): Node[] {
    const texts = adminTexts().users;
    return [
      ...sectionHeading(texts.title, texts.hint),
      this.createForm(),
      table(
        'data-table admin-table',
        [
          texts.username,
          texts.displayName,
          texts.role,
          texts.department,
          texts.status,
          texts.createdAt,
          texts.actions,
        ],
        this.rows,
        'users',
      ),
    ];
  }

  protected async load(): Promise<void> {
    const users = await this.context.http.get<UserRow[]>('/api/users');
    this.rows.replaceChildren(...users.map((user) => this.row(user)));
  }

  private row(user: UserRow): HTMLTableRowElement {
    const texts = adminTexts().users;
    const self = user.id === this.context.session.user.id;
    const toggle = button(
      user.active ? texts.deactivate : texts.activate,
      () => void this.setActive(user, !user.active),
      'user-toggle',
      user.active ? 'ghost danger' : 'ghost',
    );
    const reset = button(texts.resetPassword, () => void this.resetPassword(user), 'user-reset', 'ghost');
    const edit = button(texts.edit, () => this.edit(row, user), 'user-edit', 'ghost');
    // the server refuses it too (409): an administrator cannot lock themselves out
    if (self) {
      toggle.disabled = true;
      edit.disabled = true;
    }
    const row = h(
      'tr',
      {
        class: user.active ? '' : 'inactive',
        data: { username: user.username, active: String(user.active) },
      },
      h('td', { text: user.username + (self ? texts.self : '') }),
      h('td', { text: user.displayName }),
      h('td', { text: t().roles[user.role], data: { role: user.role } }),
      h('td', { text: user.departmentId === null ? '—' : this.departmentName(user.departmentId) }),
      h('td', { class: user.active ? 'ok' : 'muted', text: user.active ? texts.active : texts.inactive }),
      h('td', { text: beijingDay(user.createdAt) }),
      h('td', {}, h('div', { class: 'admin-actions' }, toggle, reset, edit)),
    );
    return row;
  }

  /** Turns a row's role and department into selects with save and cancel. */
  private edit(row: HTMLTableRowElement, user: UserRow): void {
    const texts = adminTexts();
    const role = roleSelect(user.role, 'user-edit-role');
    const department = departmentSelect(this.departments, user.departmentId, 'user-edit-department');
    linkRoleAndDepartment(role, department);
    const save = button(
      texts.save,
      () =>
        void this.change(async () => {
          await this.context.http.patch(`/api/users/${user.id}`, {
            role: role.value,
            departmentId: department.value === '' ? null : department.value,
          });
          return texts.users.changed(user.username);
        }),
      'user-edit-save',
      'primary',
    );
    const cancel = button(texts.cancel, () => void this.load(), 'user-edit-cancel', 'ghost');
    row.children[2]?.replaceChildren(role);
    row.children[3]?.replaceChildren(department);
    row.children[6]?.replaceChildren(save, cancel);
  }

  private async setActive(user: UserRow, active: boolean): Promise<void> {
    const texts = adminTexts().users;
    await this.change(async () => {
      await this.context.http.patch(`/api/users/${user.id}`, { active });
      return active ? texts.activated(user.username) : texts.deactivated(user.username);
    });
  }

  private async resetPassword(user: UserRow): Promise<void> {
    const texts = adminTexts().users;
    if (!window.confirm(texts.confirmReset(user.username))) return;
    await attempt(this.context.notice, async () => {
      const answer = await this.context.http.post<{ generatedPassword: string }>(
        `/api/users/${user.id}/reset-password`,
        {},
      );
      this.context.notice.ok(texts.newPassword(user.username, answer.generatedPassword));
    });
  }

  private createForm(): HTMLFormElement {
    const texts = adminTexts().users;
    const username = h('input', {
      attrs: { name: 'username', required: '', autocomplete: 'off' },
      data: { testid: 'user-username' },
    });
    const displayName = h('input', {
      attrs: { name: 'displayName', required: '' },
      data: { testid: 'user-display-name' },
    });
    const role = roleSelect('department_officer', 'user-role');
    const department = departmentSelect(this.departments, null, 'user-department');
    linkRoleAndDepartment(role, department);
    const password = h('input', {
      attrs: {
        name: 'password',
        type: 'password',
        required: '',
        minlength: '12',
        autocomplete: 'new-password',
      },
      data: { testid: 'user-password' },
    });
    const submit = submitButton(texts.create, { testid: 'user-create' });
    const form = h(
      'form',
      { class: 'framed admin-form', data: { testid: 'user-form' } },
      field(texts.username, username),
      field(texts.displayName, displayName),
      field(texts.role, role),
      field(texts.department, department),
      field(texts.password, password),
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      void this.change(async () => {
        const created = await this.context.http.post<UserRow>('/api/users', {
          username: username.value.trim(),
          displayName: displayName.value.trim(),
          role: role.value,
          ...(department.value ? { departmentId: department.value } : {}),
          password: password.value,
        });
        form.reset();
        linkRoleAndDepartment(role, department);
        return texts.created(created.username);
      }).finally(() => (submit.disabled = false));
    });
    return form;
  }
}
