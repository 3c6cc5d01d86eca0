import type { ApprovalEvent } from '../events';
import { checkEvent, isObject } from './event-checks';

/** The largest event accepted on the wire (`docs/events.md`): 64 KiB of UTF-8. */
export const MAX_EVENT_BYTES = 64 * 1024;
/**
 * The deepest nesting of objects and arrays accepted, the event itself being level 1. The contract's
 * own fields reach level 3; extra fields get room, but not the thousands of levels 64 KiB can hold,
 * which PostgreSQL's jsonb refuses (stack depth) and which would block the partition for ever.
 */
export const MAX_EVENT_DEPTH = 32;

export type EventValidation = { ok: true; event: ApprovalEvent } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Validates a value already parsed from JSON against the event contract (schemaVersion 1).
 * Extra fields are kept: on success `event` is the same object.
 */
export function validateEvent(value: unknown): EventValidation {
  return validate(value, true);
}

/** `checkText`: whether strings and field names may hold U+0000 or an unpaired surrogate. */
function validate(value: unknown, checkText: boolean): EventValidation {
  if (!isObject(value)) {
    return { ok: false, reason: `event: must be a JSON object, not ${describeJsonType(value)}` };
  }
  const broken = checkEvent(value);
  if (broken !== undefined) return { ok: false, reason: broken };
  if (!isStorable(value, 1, checkText)) return { ok: false, reason: unstorableText(value) };
  return { ok: true, event: value as unknown as ApprovalEvent };
}

/**
 * Whether a value that matches the contract can be stored: no text that no UTF-8 store can keep
 * (U+0000, which PostgreSQL's text and jsonb refuse; an unpaired surrogate, which has no UTF-8
 * form), in a value or a key, and no nesting deeper than MAX_EVENT_DEPTH. Such a message would fail
 * its batch's transaction on every retry and stop the partition, so it is a dead letter instead.
 * Never deeper than MAX_EVENT_DEPTH + 1 calls, so a deeply nested value cannot overflow the stack.
 */
function isStorable(value: object, depth: number, checkText: boolean): boolean {
  if (depth > MAX_EVENT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (typeof item === 'object' && item !== null) {
        if (!isStorable(item, depth + 1, checkText)) return false;
      } else if (checkText && typeof item === 'string' && textProblem(item) !== undefined) return false;
    }
    return true;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const nested = typeof item === 'object' && item !== null;
    // `for … in` is the fastest walk, but it also lists inherited fields, which are not the value's
    if ((!nested && !checkText) || !Object.hasOwn(value, key)) continue;
    if (
      checkText &&
      (textProblem(key) !== undefined || (typeof item === 'string' && textProblem(item) !== undefined))
    )
      return false;
    if (nested && !isStorable(item, depth + 1, checkText)) return false;
  }
  return true;
}

/** Why a value `isStorable` refused cannot be stored: the first problem in `unstorableIn`'s order. */
function unstorableText(event: object): string {
  const trail: (string | number)[] = [];
  const problem = unstorableIn(event, 1, trail) ?? 'cannot be stored';
  let path = '';
  for (const step of trail)
    path = typeof step === 'number' ? `${path}[${step}]` : path === '' ? step : `${path}.${step}`;
  return `${path || 'event'}: ${problem}`;
}

/**
 * The first problem in the value, `trail` leading to it. Each object's field names before its
 * values, then its values (and array items) last first: the order of the stack the walk used to
 * keep, which decides the reason when there are several. Never deeper than MAX_EVENT_DEPTH + 1
 * calls, so a deeply nested value cannot overflow the stack.
 */
function unstorableIn(value: unknown, depth: number, trail: (string | number)[]): string | undefined {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_EVENT_DEPTH) return `nested deeper than ${MAX_EVENT_DEPTH} levels of objects and arrays`;
  if (Array.isArray(value)) {
    for (let index = value.length - 1; index >= 0; index -= 1) {
      trail.push(index);
      const problem = unstorableIn(value[index], depth + 1, trail);
      if (problem !== undefined) return problem;
      trail.pop();
    }
    return undefined;
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    const problem = textProblem(key);
    if (problem !== undefined) return `a field name ${problem}`;
  }
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    const key = keys[index] as string;
    trail.push(key);
    const problem = unstorableIn((value as Record<string, unknown>)[key], depth + 1, trail);
    if (problem !== undefined) return problem;
    trail.pop();
  }
  return undefined;
}

const NUL = 'must not contain U+0000 (NUL)';
const UNPAIRED_SURROGATE = 'must be valid Unicode (an unpaired surrogate has no UTF-8 form)';

/** Why a text cannot be stored as UTF-8 text or jsonb (U+0000, an unpaired surrogate), if it cannot. */
export function textProblem(text: string): string | undefined {
  let unpaired = false;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0) return NUL;
    if (unit < 0xd800 || unit > 0xdfff || unpaired) continue;
    // a high surrogate followed by a low one is a pair; any other surrogate is alone
    if (unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) index += 1;
    else unpaired = true;
  }
  return unpaired ? UNPAIRED_SURROGATE : undefined;
}

/**
 * Parses one message (a Kafka value, a line of a replay file) and validates it: at most 64 KiB,
 * UTF-8, JSON, an object, and the contract. The reason names the field and the rule it breaks.
 */
export function parseEvent(raw: Buffer | Uint8Array | string): EventValidation {
  let text: string;
  if (typeof raw === 'string') {
    if (exceedsLimit(raw)) return { ok: false, reason: `event: must be at most ${MAX_EVENT_BYTES} bytes` };
    text = raw;
  } else {
    if (raw.byteLength > MAX_EVENT_BYTES) {
      return { ok: false, reason: `event: must be at most ${MAX_EVENT_BYTES} bytes, got ${raw.byteLength}` };
    }
    try {
      text = utf8.decode(raw);
    } catch {
      return { ok: false, reason: 'event: must be valid UTF-8' };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `event: not JSON (${(error as Error).message})` };
  }
  // U+0000 or an unpaired surrogate reaches a parsed string only through a `\u` escape, or as
  // such in text given as a string: UTF-8 has no surrogates, so decoded bytes never hold one
  const checkText = text.includes('\\u') || (typeof raw === 'string' && !isWellFormed(text));
  return validate(value, checkText);
}

/** `String.prototype.isWellFormed` (ES2024, in Node since 20), which the ES2023 typings lack. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** UTF-8 length without encoding: a UTF-16 unit takes 1 to 3 bytes (a surrogate pair 4 for 2 units). */
function exceedsLimit(text: string): boolean {
  if (text.length > MAX_EVENT_BYTES) return true;
  if (text.length * 3 <= MAX_EVENT_BYTES) return false;
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdbff ? 4 : 3;
    if (unit >= 0xd800 && unit <= 0xdbff) index += 1;
  }
  return bytes > MAX_EVENT_BYTES;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
