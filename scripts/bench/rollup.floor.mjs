// Bundles the two floor forms (scripts/bench/floor/) into .bench/floor/<name>.js with the
// same plugins as the real bundle (rollup.config.mjs), so their sizes compare fairly.
// The generated form's field list is inlined as data from the same seeded generator the
// <es-service> page uses. Used by run.mjs; also works alone: rollup -c scripts/bench/rollup.floor.mjs
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { generateDefinition } from './generate-definition.mjs';

/** The generated definition reduced to what a hand-written form needs: FieldSpec[] of floor-form.ts. */
export function floorFields(definition) {
  const { properties, required } = definition.schema;
  return definition.ui.steps[0].fields.map((pointer) => {
    const name = pointer.slice(1);
    const schema = properties[name];
    const ui = definition.ui.fields[pointer];
    const kind = schema.type === 'integer' ? 'integer' : ui.widget;
    const field = { name, kind, label: ui.label.sv, required: required.includes(name) };
    if (ui.help) field.help = ui.help.sv;
    if (ui.options) field.options = Object.entries(ui.options).map(([value, label]) => [value, label.sv]);
    for (const key of ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum']) if (key in schema) field[key] = schema[key];
    if (ui.messages?.pattern) field.patternMessage = ui.messages.pattern.sv;
    if (ui.autocomplete) field.autocomplete = ui.autocomplete;
    return field;
  });
}

const generatedFields = {
  name: 'bench-generated-fields',
  resolveId: (id) => (id === 'bench:generated-fields' ? id : null),
  load: (id) => (id === 'bench:generated-fields' ? `export default ${JSON.stringify(floorFields(generateDefinition()))};` : null),
};

// One self-contained file per form, as a developer would ship each (no shared chunk).
const bundle = (name) => ({
  input: { [name]: `scripts/bench/floor/${name}.ts` },
  output: { dir: '.bench/floor', format: 'es', entryFileNames: '[name].js' },
  plugins: [
    generatedFields,
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuild({ tsconfig: 'scripts/bench/tsconfig.json', target: 'es2021', minify: false }),
    terser({ ecma: 2021, module: true, format: { comments: false } }),
  ],
});

export default [bundle('fault-report-floor'), bundle('generated-floor')];
