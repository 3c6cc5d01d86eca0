import { highestLevel, LEVEL_NAMES, levelName } from './alerts';

describe('levels', () => {
  it('finds the highest level, unknown ones and null below warning', () => {
    expect(highestLevel(['warning', 'red', 'yellow'], 'warning')).toBe('red');
    expect(highestLevel(['yellow', 'warning'], 'warning')).toBe('yellow');
    expect(highestLevel(['unknown'], 'warning')).toBe('warning');
    expect(highestLevel([null, 'warning', null], null)).toBe('warning');
    expect(highestLevel([null, null], null)).toBeNull();
  });

  it('names the levels in Chinese', () => {
    expect(LEVEL_NAMES).toEqual({ warning: '预警', yellow: '黄牌', red: '红牌' });
    expect(levelName('red')).toBe('红牌');
    expect(levelName('purple')).toBe('purple');
  });
});
