/**
 * The oracle: `parseEvent` and `validateEvent` exactly as they were at commit 736b436 (ajv, the
 * regular expression for instants), kept for the differential spec of the fast path. Do not edit:
 * only the import paths differ from that commit. It reads the live `event-schema.ts`, so a change
 * to the contract changes the oracle too, and the fast path must follow.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ApprovalEvent } from '../../events';
import { EVENT_SCHEMA_V1, INSTANT_FORMAT } from '../event-schema';
import { isInstantWithOffset } from './reference-rfc3339';

/** The largest event accepted on the wire (`docs/events.md`): 64 KiB of UTF-8. */
export const MAX_EVENT_BYTES = 64 * 1024;
/**
 * The deepest nesting of objects and arrays accepted, the event itself being level 1. The contract's
 * own fields reach level 3; extra fields get room, but not the thousands of levels 64 KiB can hold,
 * which PostgreSQL's jsonb refuses (stack depth) and which would block the partition for ever.
 */
export const MAX_EVENT_DEPTH = 32;

export type EventValidation = { ok: true; event: ApprovalEvent } | { ok: false; reason: string };

const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false });
ajv.addFormat(INSTANT_FORMAT, { type: 'string', validate: isInstantWithOffset });
/** Compiled once, when the module loads. */
const validateSchema: ValidateFunction = ajv.compile(EVENT_SCHEMA_V1);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Validates a value already parsed from JSON against the event contract (schemaVersion 1).
 * Extra fields are kept: on success `event` is the same object.
 */
export function validateEvent(value: unknown): EventValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `event: must be a JSON object, not ${describeJsonType(value)}` };
  }
  if (!validateSchema(value)) return { ok: false, reason: explain(validateSchema.errors) };
  const unstorable = unstorableText(value);
  if (unstorable) return { ok: false, reason: unstorable };
  return { ok: true, event: value as ApprovalEvent };
}

/** An unpaired UTF-16 surrogate: JSON's `\ud800` escapes decode to one; no UTF-8 text holds it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a value that matches the contract still cannot be an event: text no UTF-8 store can keep
 * (U+0000, which PostgreSQL's text and jsonb refuse; an unpaired surrogate, which has no UTF-8
 * form), in a value or a key, or nesting deeper than MAX_EVENT_DEPTH. Such a message would fail
 * its batch's transaction on every retry and stop the partition, so it is a dead letter instead.
 * Iterative, so a deeply nested value cannot overflow the stack.
 */
function unstorableText(event: object): string | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: event, path: '', depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return `${path || 'event'}: ${problem}`;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_EVENT_DEPTH)
      return `${path || 'event'}: nested deeper than ${MAX_EVENT_DEPTH} levels of objects and arrays`;
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        pending.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) return `${path || 'event'}: a field name ${problem}`;
      pending.push({ value: item, path: path === '' ? key : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Why a text cannot be stored as UTF-8 text or jsonb (U+0000, an unpaired surrogate), if it cannot. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (an unpaired surrogate has no UTF-8 form)';
  return undefined;
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
  return validateEvent(value);
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

/** `/payload/materials/0` → `payload.materials[0]`. */
function fieldOf(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (child !== undefined) segments.push(child);
  let field = '';
  for (const segment of segments) {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    field += /^\d+$/.test(name) ? `[${name}]` : field === '' ? name : `.${name}`;
  }
  return field === '' ? 'event' : field;
}

function explain(errors: ErrorObject[] | null | undefined): string {
  const error = errors?.find((candidate) => candidate.keyword !== 'if') ?? errors?.[0];
  if (!error) return 'event: does not match the event contract';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldOf(error.instancePath, String(params.missingProperty))}: is required`;
    case 'type':
      return `${fieldOf(error.instancePath)}: must be ${String(params.type)}`;
    case 'enum':
      return `${fieldOf(error.instancePath)}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${fieldOf(error.instancePath)}: must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `${fieldOf(error.instancePath)}: must be an RFC 3339 date-time with offset`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${fieldOf(error.instancePath)}: must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minLength':
      return `${fieldOf(error.instancePath)}: must be at least ${String(params.limit)} character(s) long`;
    case 'maxLength':
      return `${fieldOf(error.instancePath)}: must be at most ${String(params.limit)} characters long`;
    case 'minItems':
      return `${fieldOf(error.instancePath)}: must have at least ${String(params.limit)} item(s)`;
    default:
      return `${fieldOf(error.instancePath)}: ${error.message ?? 'is invalid'}`;
  }
}
