export * from './event-sink';
export * from './jsonl-file-sink';
export * from './kafka-event-sink';
