/** The routes inside one tenant, by path pattern and method. */
import { viewCase } from '../cases/view.js';
import { submitCase } from '../cases/submit.js';
import { postEvents, postFeedback, postSurveyResponse } from '../evaluation/routes.js';
import { postUpload } from '../uploads/routes.js';
import { getDefinition, getValidator, listServices } from './catalog-routes.js';
import type { RequestContext } from './context.js';
import type { Reply } from './reply.js';

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  /** Name for logs: the pattern, never the concrete path (which may hold a reference). */
  readonly name: string;
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, Handler>>;
  /** The first parameter is a service id that must exist in the tenant's catalog. */
  readonly serviceScoped?: boolean;
}

const SEGMENT = '([^/]+)';

export const API_ROUTES: readonly Route[] = [
  { name: 'services', pattern: /^\/api\/services$/, methods: { GET: listServices } },
  { name: 'definition', pattern: new RegExp(`^/api/services/${SEGMENT}$`), methods: { GET: getDefinition }, serviceScoped: true },
  { name: 'validator', pattern: new RegExp(`^/api/services/${SEGMENT}/validator\\.js$`), methods: { GET: getValidator }, serviceScoped: true },
  { name: 'submit', pattern: new RegExp(`^/api/services/${SEGMENT}/cases$`), methods: { POST: submitCase }, serviceScoped: true },
  { name: 'case', pattern: new RegExp(`^/api/cases/${SEGMENT}$`), methods: { GET: viewCase } },
  { name: 'upload', pattern: /^\/api\/uploads$/, methods: { POST: postUpload } },
  { name: 'feedback', pattern: /^\/api\/feedback$/, methods: { POST: postFeedback } },
  { name: 'survey-response', pattern: new RegExp(`^/api/surveys/${SEGMENT}/responses$`), methods: { POST: postSurveyResponse } },
  { name: 'events', pattern: /^\/api\/events$/, methods: { POST: postEvents } },
];

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    try {
      return { route, params: match.slice(1).map((segment) => decodeURIComponent(segment)) };
    } catch {
      return undefined; // Broken percent-encoding names nothing.
    }
  }
  return undefined;
}
