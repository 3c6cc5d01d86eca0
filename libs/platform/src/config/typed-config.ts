import { AppConfig } from './app-config';

/** The validated configuration as a DI token; inject it, never `process.env`. */
export class TypedConfig {
  constructor(readonly values: AppConfig) {}
}
