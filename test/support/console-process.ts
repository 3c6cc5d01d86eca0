// The console as `npm run demo` starts it (`dist/apps/console/src/main.js`), on a fixed port, so
// it can be killed and restarted where its clients reconnect.
import { ServiceProcess } from './service-process';

export class ConsoleProcess extends ServiceProcess {
  constructor(name: string, port: number, env: Record<string, string>) {
    super('console', `console ${name}`, port, () => ({ ...env, CONSOLE_HTTP_PORT: String(port) }));
  }
}
