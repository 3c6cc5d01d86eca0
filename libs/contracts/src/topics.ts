/** Default Kafka topic names (configurable through the platform config). */
export const DEFAULT_TOPICS = {
  approvalEvents: 'approval.events',
  deadLetters: 'approval.events.dlq',
  alerts: 'supervision.alerts',
} as const;
export type TopicNames = { [K in keyof typeof DEFAULT_TOPICS]: string };
