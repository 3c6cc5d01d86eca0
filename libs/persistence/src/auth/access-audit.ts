import type { OperatorActionRecord, Role } from '@app/contracts';

export type { OperatorActionRecord };

/** One refused access: a failed login, a missing or bad token, a wrong role or department. */
export interface AccessRefusal {
  channel: 'http' | 'socket';
  userId: string | null;
  username: string | null;
  role: Role | null;
  departmentId: string | null;
  address: string | null;
  method: string | null;
  /** The path, or the socket room asked for. */
  target: string;
  status: number;
  reason: string;
}

export interface AccessRefusalRecord extends AccessRefusal {
  id: number;
  at: string;
}

/** Port: the security audit trail (refused accesses, operator actions). */
export abstract class AccessAudit {
  abstract recordRefusal(refusal: AccessRefusal): Promise<void>;
  abstract refusals(options: { limit: number; username?: string }): Promise<AccessRefusalRecord[]>;
  abstract operatorActions(options: { limit: number }): Promise<OperatorActionRecord[]>;
}
