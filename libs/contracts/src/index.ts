export * from './events';
export * from './alerts';
export * from './topics';
export * from './catalog';
export * from './validation';
export * from './wall-protocol';
export * from './evaluation-views';
export * from './roles';
