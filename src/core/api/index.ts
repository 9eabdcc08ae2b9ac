export * from './adminClient';
export * from './dates';
export * from './frameClient';
export * from './signedApi';
export * from './types';
export * from './curl';
