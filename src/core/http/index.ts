export * from './errors';
export * from './retryPolicy';
export * from './transport';
export * from './urls';
export * from './requestLog';
export * from './headers';
export * from './limits';
