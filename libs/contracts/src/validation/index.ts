export * from './event-schema';
export * from './parse-event';
export * from './rfc3339';
