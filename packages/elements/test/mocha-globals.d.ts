// The few mocha globals the browser tests use (@types/mocha is not a
// dependency). Only for `tsc -p packages/elements/tsconfig.test.json`.
type MochaDone = (error?: unknown) => void;
/** What `this` is in a test or hook: slow ones raise their own timeout. */
interface MochaContext {
  timeout(ms: number): void;
}
type MochaFn = (this: MochaContext, done: MochaDone) => void | Promise<unknown>;
type MochaAsyncFn = (this: MochaContext) => void | Promise<unknown>;

declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn?: MochaAsyncFn | MochaFn): void;
declare function before(fn: MochaAsyncFn | MochaFn): void;
declare function after(fn: MochaAsyncFn | MochaFn): void;
declare function beforeEach(fn: MochaAsyncFn | MochaFn): void;
declare function afterEach(fn: MochaAsyncFn | MochaFn): void;
