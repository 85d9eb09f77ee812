// Loaded on demand, in parallel with the definition itself: the definition checker
// (meta-schema validator, cross-reference checks, their sv/en messages, SHA-256) is
// the largest part of the library, and no citizen needs it before a definition arrives.
export { loadDefinition } from '@eservice-kit/core';
