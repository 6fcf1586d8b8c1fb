export * from './common';
export * from './identity';
export * from './inventory';
export * from './catalog';
export * from './imports';
export * from './thresholds';
export * from './alerts';
export * from './notifications';
