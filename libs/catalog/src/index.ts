// Pure part (no I/O): what the rule engine imports.
export * from './catalog-error';
export * from './catalog-index';
export * from './catalog-history';
export * from './parse-catalog';
export * from './catalog-document';
// The directory loader (reads files).
export * from './load-catalog-directory';
