import { trustProxy } from './console-app';

describe(trustProxy.name, () => {
  it.each([
    ['true', true],
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, loopback', '10.0.0.0/8, loopback'],
  ])('reads TRUST_PROXY=%s as %p', (value, expected) => {
    expect(trustProxy(value)).toEqual(expected);
  });
});
