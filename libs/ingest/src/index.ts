// The ingest core: a batch of Kafka messages in, every effect durable out (ADR 0009). The pipeline
// runs it on live traffic; the replay app's `rebuild` runs it over the stored audit events.
export * from './batch-ingestor';
export * from './case-fold-cache';
export * from './message-classifier';
export * from './ports';
export * from './rules-case-evaluator';
export * from './signal-registration';
