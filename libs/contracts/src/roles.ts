/** Who uses the console (`docs/domain.md` § Users and roles). */
export const ROLES = ['supervisor', 'department_officer', 'auditor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** 中文 names, for messages and the wall. */
export const ROLE_NAMES: Record<Role, string> = {
  supervisor: '监察人员',
  department_officer: '部门经办人',
  auditor: '审计复核人员',
  administrator: '系统管理员',
};

/**
 * Who did something, for every audit trail: a logged-in user, or the system itself (the
 * pipeline, the registrar, the overdue sweep). `address` is the client's IP address.
 */
export interface Actor {
  userId: string | null;
  username: string;
  role: Role | 'system';
  departmentId: string | null;
  address: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  role: 'system',
  departmentId: null,
  address: null,
};
