/** Helpers over a definition's `statuses` (lifecycle order; the first is a new case's status). */
import type { Open311Status, ServiceDefinition, StatusDefinition } from '../definition/types.js';
import type { StatusView } from './types.js';

type WithStatuses = Pick<ServiceDefinition, 'statuses'>;

/** The status a new case gets; undefined only for a definition that failed loading. */
export function initialStatus(definition: WithStatuses): StatusDefinition | undefined {
  return definition.statuses[0];
}

export function findStatus(definition: WithStatuses, id: string): StatusDefinition | undefined {
  return definition.statuses.find((status) => status.id === id);
}

/** Unknown ids are not final: a case is never closed by a typo. */
export function isFinal(definition: WithStatuses, id: string): boolean {
  return findStatus(definition, id)?.final ?? false;
}

/** The Open311 GeoReport v2 status (open/closed) of a status id. */
export function open311Status(definition: WithStatuses, id: string): Open311Status | undefined {
  return findStatus(definition, id)?.open311;
}

/** Statuses a case may still move to; none once it is final. */
export function nextStatuses(definition: WithStatuses, id: string): readonly StatusDefinition[] {
  const current = findStatus(definition, id);
  if (current === undefined || current.final) return [];
  return definition.statuses.filter((status) => status.id !== id);
}

/** What the citizen's view carries for a status: a copy, so old cases render without old definitions. */
export function toStatusView(status: StatusDefinition): StatusView {
  const view: StatusView = { id: status.id, label: status.label, open311: status.open311, final: status.final };
  return status.description === undefined ? view : { ...view, description: status.description };
}
