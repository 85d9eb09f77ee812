import { choiceWidgets } from './choice-widgets.js';
import { groupWidgets } from './group-widgets.js';
import { textWidgets } from './text-widgets.js';
import type { Widget } from './types.js';

/** Every widget eservice-kit ships; files and location arrive with their own release. */
export const builtInWidgets: readonly Widget[] = [...textWidgets, ...choiceWidgets, ...groupWidgets];
