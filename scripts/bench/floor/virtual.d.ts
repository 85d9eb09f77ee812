// The field list rollup.floor.mjs inlines into generated-floor.ts at bundle time.
declare module 'bench:generated-fields' {
  const fields: readonly import('./floor-form.js').FieldSpec[];
  export default fields;
}
