/**
 * @eservice-kit/server: the reference server. This first part is the service catalog a
 * tenant serves (definitions with ETags and their precompiled validators); case intake,
 * storage and tracking build on it.
 */
export { ServiceCatalog, type AddResult, type CatalogVersion } from './catalog.js';
export { handleCatalogRequest } from './http/catalog-routes.js';
export { problem, sendProblem } from './http/problem.js';
