import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { inScope, orNotFound } from './lookups';

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

  it('refuses another department’s with 403 saying so', () => {
    expect(() => inScope('out-of-scope', 'case C-1')).toThrow(ForbiddenException);
    expect(() => inScope('out-of-scope', 'case C-1')).toThrow('case C-1 belongs to another department');
  });

  it('refuses none with 404', () => {
    expect(() => inScope(null, 'case C-1')).toThrow(new NotFoundException('no case C-1'));
  });
});
