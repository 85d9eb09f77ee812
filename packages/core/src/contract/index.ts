export { runContractSuite, contractChecks } from './suite.js';
export { formatContractReport } from './report.js';
export type { Check, SuiteContext } from './context.js';
export type { ContractOptions, ContractOutcome, ContractReport, ContractResult, FetchLike } from './types.js';
