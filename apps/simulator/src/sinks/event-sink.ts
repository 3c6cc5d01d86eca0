/** One Kafka message: key (the caseId) and value (the bytes a business system sends). */
export interface OutgoingMessage {
  key: string;
  value: Buffer | string;
}

/**
 * Where the simulator's messages go. Adapters: `KafkaEventSink` (the default) and `JsonlFileSink`
 * (a file for the replay command and tests). Tests use an in-memory array.
 */
export interface EventSink {
  /** Sends messages in order; resolves when they are handed over (acknowledged by Kafka). */
  write(messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}
