// The local infrastructure launcher: the real Kafka broker (fetched from Maven Central, run in
// single-node KRaft mode) and the PostgreSQL databases. Used by `npm run infra:*`, the demo and
// the Jest globalSetup of the integration and end-to-end suites.
export * from './infra';
export * from './kafka';
export * from './paths';
export * from './postgres';
export { MissingToolError, requireJava, requireMaven } from './prerequisites';
export { findBrokerProcesses, isAlive } from './processes';
