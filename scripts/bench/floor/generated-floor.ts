/**
 * Floor for the generated 200-field form (scripts/bench/generate-definition.mjs): the field
 * list is inlined at bundle time by scripts/bench/rollup.floor.mjs as plain data (labels,
 * required, limits), i.e. what a developer would type out by hand, and rendered by the
 * hand-written FloorForm. No definition, no schema and no validator reach the browser.
 */
import fields from 'bench:generated-fields';
import { FloorForm, type FieldSpec } from './floor-form.js';

export class GeneratedFloor extends FloorForm {
  protected readonly heading = 'Testformulär med 200 fält';
  protected readonly stepTitle = 'Alla frågor';

  protected visibleFields(): readonly FieldSpec[] {
    return fields;
  }
}
customElements.define('floor-generated', GeneratedFloor);
