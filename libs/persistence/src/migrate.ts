export { runMigrations } from './data-source';
