export * from './attachment-store';
export * from './pg-attachment.store';
