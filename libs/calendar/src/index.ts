export * from './local-date';
export * from './working-calendar';
export * from './official-schedules';
export * from './office-hours';
