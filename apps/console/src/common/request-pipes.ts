import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { textProblem } from '@app/contracts';

/**
 * Refuses (400) any path parameter, query value or body string, or field name, that PostgreSQL
 * cannot take as text (U+0000, an unpaired surrogate). Without it such a value reached a query and
 * answered 500. Global, so every route and every route added later is covered.
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const pending: { value: unknown; path: string }[] = [{ value, path: metadata.data ?? metadata.type }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (typeof next.value === 'string') {
        const problem = textProblem(next.value);
        if (problem) throw new BadRequestException(`${next.path}: ${problem}`);
      } else if (Array.isArray(next.value)) {
        for (const item of next.value) pending.push({ value: item, path: next.path });
      } else if (typeof next.value === 'object' && next.value !== null) {
        for (const [key, item] of Object.entries(next.value)) {
          const problem = textProblem(key);
          if (problem) throw new BadRequestException(`${next.path}: a field name ${problem}`);
          pending.push({ value: item, path: `${next.path}.${key}` });
        }
      }
    }
    return value;
  }
}

/**
 * A numeric id of a `bigserial` row: digits only, 1 to Number.MAX_SAFE_INTEGER. `ParseIntPipe`
 * let 1e40 through to PostgreSQL, which answered "out of range" as a 500.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^[1-9]\d{0,15}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id))
      throw new BadRequestException(`${metadata.data ?? 'id'}: must be a positive integer id`);
    return id;
  }
}
