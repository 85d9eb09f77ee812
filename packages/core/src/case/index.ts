export type * from './types.js';
export * from './problems.js';
export * from './status.js';
export * from './reference.js';
export * from './random.js';
export * from './tracking-code.js';
export * from './transport.js';
export * from './summary.js';
export * from './identifier.js';
