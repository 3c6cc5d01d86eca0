export * from './config/app-config';
