// Every public `--es-*` token an element's styles read is documented with
// `@cssproperty` on the element (that is what reaches custom-elements.json
// and Storybook's docs), and every documented token is read.
import { expect } from '@open-wc/testing';
import { readFile } from '@web/test-runner-commands';
import type { CSSResult } from 'lit';
import { EsFeedback, EsMessage, EsService } from '../src/index.js';

const elements: { tag: string; source: string; styles: () => CSSResult[] }[] = [
  {
    tag: 'es-message',
    source: '../src/components/es-message/es-message.component.ts',
    styles: () => [EsMessage.styles].flat(Infinity) as CSSResult[],
  },
  {
    tag: 'es-service',
    source: '../src/components/es-service/es-service.component.ts',
    styles: () => [EsService.styles].flat(Infinity) as CSSResult[],
  },
  {
    tag: 'es-feedback',
    source: '../src/components/es-feedback/es-feedback.component.ts',
    styles: () => [EsFeedback.styles].flat(Infinity) as CSSResult[],
  },
];

/**
 * Public tokens the styles read. Each public `--es-x` is read once, on
 * `:host`, into a private `--_es-x` (see host.styles.ts); the rules use the
 * private ones. A private token counts when a rule uses it, directly or
 * through another token's default.
 */
function tokensRead(styles: CSSResult[]): Set<string> {
  const text = styles.map((sheet) => sheet.cssText).join('\n');
  const definitions = new Map<string, string>();
  const declaration = /(--_es-[\w-]+)\s*:\s*([^;]*);/g;
  for (const [, name, value] of text.matchAll(declaration)) {
    definitions.set(name!, `${definitions.get(name!) ?? ''} ${value}`);
  }
  const privateRefs = (css: string) => [...css.matchAll(/var\(\s*(--_es-[\w-]+)/g)].map((m) => m[1]!);
  const pending = privateRefs(text.replace(declaration, ''));
  const used = new Set<string>();
  for (let name = pending.pop(); name; name = pending.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...privateRefs(definitions.get(name) ?? ''));
  }
  const publicTokens = new Set<string>();
  for (const name of used) {
    const reads = [...(definitions.get(name) ?? '').matchAll(/var\(\s*(--es-[\w-]+)/g)].map((m) => m[1]!);
    for (const token of reads) publicTokens.add(token);
  }
  return publicTokens;
}

describe('CSS tokens', () => {
  for (const { tag, source, styles } of elements) {
    it(`<${tag}> documents exactly the --es-* tokens it reads`, async () => {
      const text = await readFile({ path: source });
      expect(text, source).to.be.a('string');
      const documented = new Set([...text!.matchAll(/@cssproperty\s+(--es-[\w-]+)/g)].map((m) => m[1]!));
      const read = tokensRead(styles());
      expect(read.size).to.be.greaterThan(0);
      expect([...read].filter((token) => !documented.has(token)).sort(), 'read but not documented').to.deep.equal([]);
      expect([...documented].filter((token) => !read.has(token)).sort(), 'documented but not read').to.deep.equal([]);
    });
  }
});
