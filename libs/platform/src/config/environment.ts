import { AppConfig, loadConfig } from './app-config';

/** The process environment, read here and nowhere else. */
export function configFromEnvironment(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}
