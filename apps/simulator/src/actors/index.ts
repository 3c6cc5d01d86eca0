// The demo's people acting on signals through the console's REST API, for the CLI's `actors` command:
//   import { DemoActors, HttpConsoleClient, runActors } from './actors';
export * from './console-client';
export * from './http-console-client';
export * from './actor-step';
export * from './answer-texts';
export * from './signal-age';
export * from './demo-actors';
export * from './run-actors';
