import { ForbiddenException, NotFoundException } from '@nestjs/common';

/** What a look-up found, or 404 `no <what>`. */
export function orNotFound<T>(value: T | null | undefined, what: string): T {
  if (!value) throw new NotFoundException(`no ${what}`);
  return value;
}

/** What a look-up scoped to the user's department found: 403 for another department's, 404 for none. */
export function inScope<T>(value: T | 'out-of-scope' | null | undefined, what: string): T {
  if (value === 'out-of-scope') throw new ForbiddenException(`${what} belongs to another department`);
  return orNotFound(value, what);
}
