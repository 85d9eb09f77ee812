// npx cem analyze --config packages/elements/custom-elements-manifest.config.mjs
// (from the repository root) writes packages/elements/custom-elements.json.
// Globs are relative to the working directory, so run it from the root.

/**
 * Elements register through `defineElement('es-x', EsX)` (tolerates a
 * double-loaded bundle), which the analyzer does not know. Record those calls
 * as `custom-element-definition` exports, and drop the definition the
 * analyzer infers from the generic `customElements.define(tagName, ctor)`
 * inside `defineElement` itself.
 */
function defineElementPlugin() {
  return {
    name: 'eservice-kit: defineElement() calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tagArg, classArg] = node.arguments;
      if (!tagArg || !ts.isStringLiteralLike(tagArg) || !classArg || !ts.isIdentifier(classArg)) return;
      const className = classArg.text;
      const imported = context?.imports?.find((i) => i.name === className);
      const declaration = imported
        ? imported.isBareModuleSpecifier
          ? { name: className, package: imported.importPath }
          : { name: className, module: new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.slice(1) }
        : { name: className, module: moduleDoc.path };
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tagArg.text, declaration },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        if (!mod.path.endsWith('internal/define-element.ts')) continue;
        mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
      }
    },
  };
}

/**
 * The manifest ships in the npm package next to `dist/`, so module paths
 * point at the published files: `packages/elements/src/x/y.ts` → `dist/x/y.js`.
 * Private members are implementation details: left out of the public API.
 */
function publicManifestPlugin() {
  const toDist = (value) =>
    value.replace(/^\/?packages\/elements\/src\//, 'dist/').replace(/\.ts$/, '.js');
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
        else walk(value);
      }
    }
  };
  return {
    name: 'eservice-kit: public manifest',
    packageLinkPhase({ customElementsManifest }) {
      walk(customElementsManifest.modules);
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
        }
      }
    },
  };
}

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: [
    'packages/elements/src/**/*.test.ts',
    'packages/elements/src/**/*.stories.ts',
    'packages/elements/src/generated/**',
    'packages/elements/src/bundle.ts',
  ],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
  dependencies: false,
  plugins: [defineElementPlugin(), publicManifestPlugin()],
};
