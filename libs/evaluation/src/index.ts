export * from './period';
export * from './scheme';
export * from './facts';
export * from './fact-counts';
export * from './indicators';
export * from './score';
export * from './report';
