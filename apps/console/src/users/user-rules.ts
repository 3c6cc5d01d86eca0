import type { Role } from '@app/contracts';

/**
 * Why a role and department do not go together, or undefined: a department officer needs a
 * department the catalogue lists; any other role has none. An empty `known` (catalogue unreadable)
 * accepts any department.
 */
export function departmentProblem(
  role: Role,
  departmentId: string | null,
  known: ReadonlySet<string>,
): string | undefined {
  if (role === 'department_officer') {
    if (departmentId === null) return 'departmentId: a department officer needs a departmentId';
    if (known.size > 0 && !known.has(departmentId))
      return `departmentId: ${departmentId} is not a department of the catalogue`;
    return undefined;
  }
  if (departmentId !== null) return `departmentId: only a department officer has one (role ${role})`;
  return undefined;
}

/** Letters and digits without look-alikes (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A password from random bytes: one character per byte (at least 12 bytes). */
export function generatedPassword(random: Uint8Array): string {
  if (random.length < 12) throw new Error('a generated password needs at least 12 random bytes');
  return Array.from(random, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
