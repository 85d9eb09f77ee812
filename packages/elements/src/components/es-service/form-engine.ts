// Everything <es-service> needs once a definition has arrived: evaluation, widgets,
// screens, drafts and usage events. The element loads this chunk in parallel with the
// definition, so the script-tag bundle a page loads first stays small and the citizen
// waits for the slower of the two, not for both in turn.
import { builtInWidgets } from './widgets/built-in.js';
import { registerDefaultWidgets } from './widgets/registry.js';

export { evaluate, listFields } from '@eservice-kit/core';
export { answerAt, withAnswer, withEmptyObject } from './answers.js';
export { DraftStore, migrateAnswers } from './drafts.js';
export { FieldRenderer } from './field-renderer.js';
export { heading, intro, receiptScreen, review } from './screens.js';
export { UsageEvents } from './usage-events.js';

// Vendor widgets registered earlier keep their names: built-ins fill only free ones.
registerDefaultWidgets(builtInWidgets);
