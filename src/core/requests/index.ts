export * from './model';
export * from './templates';
export * from './parser';
export * from './jsonPath';
export * from './resolve';
export * from './assertions';
export * from './runner';
export * from './junit';
