import { ConfigError, databaseUrl, loadConfig, responseDaysOf } from './app-config';

describe(loadConfig.name, () => {
  it('applies defaults to an empty environment', () => {
    const sut = loadConfig({});
    expect(sut.KAFKA_BROKERS).toBe('127.0.0.1:19092');
    expect(sut.TIMER_GRACE_MS).toBe(60_000);
    expect(databaseUrl(sut)).toBe('postgres://postgres@127.0.0.1:5432/jiancha_demo');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ KAFKA_PORT: 'ninety' })).toThrow(ConfigError);
    const both = () => loadConfig({ KAFKA_PORT: 'ninety', DATABASE_NAME: 'Bad-Name' });
    expect(both).toThrow(/KAFKA_PORT: .*expected number/);
    expect(both).toThrow(/DATABASE_NAME: lowercase letters/);
  });

  it('switches the database of a DATABASE_URL', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5433/jiancha_demo' });
    expect(databaseUrl(sut, 'jiancha_test')).toBe('postgres://u:p@db:5433/jiancha_test');
  });

  it('reads the console roles: all three by default, a list otherwise, an unknown one refused', () => {
    expect(loadConfig({}).CONSOLE_ROLES).toEqual(['api', 'ws', 'worker']);
    expect(loadConfig({ CONSOLE_ROLES: 'ws' }).CONSOLE_ROLES).toEqual(['ws']);
    expect(loadConfig({ CONSOLE_ROLES: ' worker, api ,api' }).CONSOLE_ROLES).toEqual(['worker', 'api']);
    expect(() => loadConfig({ CONSOLE_ROLES: 'api,wall' })).toThrow(/CONSOLE_ROLES: unknown role "wall"/);
    expect(() => loadConfig({ CONSOLE_ROLES: ' , ' })).toThrow(/CONSOLE_ROLES: name at least one/);
  });
});

describe(responseDaysOf.name, () => {
  it('reads the days per level from the configuration', () => {
    const sut = responseDaysOf(loadConfig({ RESPONSE_DAYS_RED: '2', RESPONSE_DAYS_YELLOW: '4' }));
    expect(sut).toEqual({ red: 2, yellow: 4, warning: 0 });
  });
});
