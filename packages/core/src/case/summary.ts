import type { ServiceDefinition } from '../definition/types.js';
import type { ServiceSummary } from './types.js';

/** The catalog entry of a service version: enough for a citizen to choose it. */
export function summarizeService(definition: ServiceDefinition, hash: string): ServiceSummary {
  return {
    id: definition.id,
    version: definition.version,
    hash,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    handlingTime: definition.handlingTime,
  };
}
