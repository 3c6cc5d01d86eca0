import { NotFoundException } from '@nestjs/common';
import { inScope, orNotFound, OutOfScopeException } from './lookups';

describe(orNotFound.name, () => {
  it('answers what was found', () => {
    const found = { id: 1 };
    expect(orNotFound(found, 'thing 1')).toBe(found);
  });

  it.each([null, undefined])('refuses %p with 404 "no <what>"', (nothing) => {
    expect(() => orNotFound(nothing, 'thing 1')).toThrow(new NotFoundException('no thing 1'));
  });
});

describe(inScope.name, () => {
  it('answers what was found in the department', () => {
    const found = { id: 1 };
    expect(inScope(found, 'case C-1')).toBe(found);
  });

  it('answers another department’s exactly like a missing one, keeping the reason for the record', () => {
    const refusal = (() => {
      try {
        inScope('out-of-scope', 'case C-1');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(OutOfScopeException);
    const missing = new NotFoundException('no case C-1');
    expect((refusal as NotFoundException).getStatus()).toBe(missing.getStatus());
    expect((refusal as NotFoundException).getResponse()).toEqual(missing.getResponse());
    expect((refusal as OutOfScopeException).reason).toBe('case C-1 belongs to another department');
  });

  it('refuses none with 404', () => {
    expect(() => inScope(null, 'case C-1')).toThrow(new NotFoundException('no case C-1'));
  });
});
