export * from './data-source';
export * from './ingest/ingest-store';
export * from './ingest/pg-ingest.store';
export * from './outbox/pg-outbox';
export * from './ingest/in-memory-ingest.store';
export * from './persistence.module';
