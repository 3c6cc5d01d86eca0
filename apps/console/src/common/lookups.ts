import { NotFoundException } from '@nestjs/common';

/** What a look-up found, or 404 `no <what>`. */
export function orNotFound<T>(value: T | null | undefined, what: string): T {
  if (!value) throw new NotFoundException(`no ${what}`);
  return value;
}

/**
 * Another department's case or signal: answered exactly like one that does not exist (404 `no
 * <what>`), so ids cannot be probed, but recorded as a refused access with the real reason
 * (`AccessRefusalFilter`).
 */
export class OutOfScopeException extends NotFoundException {
  constructor(
    what: string,
    readonly reason = `${what} belongs to another department`,
  ) {
    super(`no ${what}`);
  }
}

/** What a look-up scoped to the user's department found; 404 for none and for another department's. */
export function inScope<T>(value: T | 'out-of-scope' | null | undefined, what: string): T {
  if (value === 'out-of-scope') throw new OutOfScopeException(what);
  return orNotFound(value, what);
}
