// The content hash alone, a small chunk: enough to recognise a definition its validator
// module was made from, which spares loading the full checker (definition-checker.ts).
export { definitionHash } from '@eservice-kit/core';
