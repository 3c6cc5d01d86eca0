import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@app/platform';

/** The repository root: the nearest folder above this file (source or dist/) with a package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'deploy'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root (package.json) above ${from}`);
    dir = parent;
  }
}

/** Where the launcher keeps the cached broker and the state of each local broker (one per port). */
export interface InfraPaths {
  root: string;
  /** INFRA_HOME, absolute. */
  home: string;
  /** The pom that resolves the broker from Maven Central. */
  pom: string;
  /** `<home>/kafka-<version>`: the cached distribution, shared by every broker of that version. */
  distribution: string;
  libs: string;
  /** Written only after Maven copied every jar: its presence means "cached, start offline". */
  fetchedMarker: string;
  /** `<home>/broker-<port>`: configuration, data, logs and pid of the broker on that port. */
  state: string;
  serverProperties: string;
  log4jProperties: string;
  toolsLog4jProperties: string;
  clusterIdFile: string;
  pidFile: string;
  lockFile: string;
  dataDir: string;
  logDir: string;
  serverLog: string;
  /** The JVM's own stdout and stderr (crashes before logging starts land here). */
  consoleLog: string;
}

export function infraPaths(config: AppConfig, root: string = repoRoot()): InfraPaths {
  const home = path.resolve(root, config.INFRA_HOME);
  const distribution = path.join(home, `kafka-${config.KAFKA_VERSION}`);
  const state = path.join(home, `broker-${config.KAFKA_PORT}`);
  const logDir = path.join(state, 'logs');
  return {
    root,
    home,
    pom: path.join(root, 'deploy', 'local', 'kafka', 'pom.xml'),
    distribution,
    libs: path.join(distribution, 'libs'),
    fetchedMarker: path.join(distribution, '.fetched'),
    state,
    serverProperties: path.join(state, 'server.properties'),
    log4jProperties: path.join(state, 'log4j.properties'),
    toolsLog4jProperties: path.join(state, 'tools-log4j.properties'),
    clusterIdFile: path.join(state, 'cluster.id'),
    pidFile: path.join(state, 'broker.pid'),
    lockFile: path.join(state, 'launcher.lock'),
    dataDir: path.join(state, 'data'),
    logDir,
    serverLog: path.join(logDir, 'server.log'),
    consoleLog: path.join(logDir, 'console.out'),
  };
}
