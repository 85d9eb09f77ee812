import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoApiAttribute, demoPagePath, escapeHtml, renderDemoPage } from '../../src/demo/pages.js';
import type { DemoPage, DemoTenant } from '../../src/demo/pages.js';

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: ReadonlyMap<string, string>;
  readonly raw: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * The tags of a document. Enough for pages whose text is escaped: a raw `<` in the output
 * starts a tag, so anything that escaped the escaping shows up as a tag here.
 */
function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[3] ?? '').matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes.set(attribute[1]!.toLowerCase(), decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    found.push({ name: match[2]!.toLowerCase(), closing: match[1] === '/', attributes, raw: match[0] });
  }
  return found;
}

/** Every `<` is the start of a tag the tokenizer understood, and non-void tags nest. */
function assertWellFormed(html: string): void {
  const all = tags(html);
  const opened = (html.match(/</g) ?? []).length;
  assert.equal(all.length + 1, opened, 'every < starts a recognised tag (plus the doctype)');
  const stack: string[] = [];
  for (const tag of all) {
    if (VOID.has(tag.name)) continue;
    if (!tag.closing) stack.push(tag.name);
    else assert.equal(stack.pop(), tag.name, `</${tag.name}> closes the innermost open element`);
  }
  assert.deepEqual(stack, [], 'all elements closed');
}

const services = [
  {
    id: 'fault-report',
    title: { sv: 'Felanmälan', en: 'Report a fault' },
    description: { sv: 'Gator, parker och belysning.', en: 'Streets, parks and lighting.' },
    handlingDays: 5,
  },
  {
    id: 'civil-wedding',
    title: { sv: 'Borgerlig vigsel', en: 'Civil wedding' },
    description: { sv: 'Boka en vigsel.', en: 'Book a wedding.' },
    handlingDays: 1,
  },
] as const;

const root: DemoTenant = { basePath: '', name: { sv: 'Demokommun', en: 'Demo municipality' }, services, hasBranding: false };
const ostra: DemoTenant = { basePath: '/ostra', name: { sv: 'Östra kommun', en: 'Östra municipality' }, services, hasBranding: true };

const pages: readonly DemoPage[] = [{ kind: 'index' }, { kind: 'service', serviceId: 'fault-report' }, { kind: 'status' }];
const locales = ['sv', 'en'] as const;

function render(tenant: DemoTenant, page: DemoPage, locale: 'sv' | 'en'): string {
  const html = renderDemoPage(tenant, page, locale);
  assert.ok(html !== undefined, `${page.kind} renders`);
  return html;
}

describe('demo pages', () => {
  for (const tenant of [root, ostra]) {
    for (const page of pages) {
      for (const locale of locales) {
        const label = `${page.kind} (${locale}) of tenant '${tenant.basePath}'`;

        it(`${label}: a well-formed document with the page's language`, () => {
          const html = render(tenant, page, locale);
          assert.match(html, /^<!doctype html>\n<html /);
          assertWellFormed(html);
          const htmlTag = tags(html).find((tag) => tag.name === 'html')!;
          assert.equal(htmlTag.attributes.get('lang'), locale);
          assert.equal(htmlTag.attributes.get('data-base'), tenant.basePath);
          assert.ok(tags(html).some((tag) => tag.name === 'meta' && tag.attributes.get('name') === 'viewport'));
        });

        it(`${label}: every link and src is under the base path`, () => {
          const html = render(tenant, page, locale);
          const urls = tags(html).flatMap((tag) => ['href', 'src', 'action', 'api'].flatMap((name) => (tag.attributes.has(name) ? [tag.attributes.get(name)!] : [])));
          assert.ok(urls.length > 5);
          for (const url of urls) {
            if (url === '#main') continue; // the skip link
            if (url === 'data:,') continue; // the empty icon, so browsers ask for no /favicon.ico
            if (url === tenant.basePath) continue; // es-service's api="/ostra" (the base itself)
            assert.ok(url.startsWith(`${tenant.basePath}/`), `${url} starts with '${tenant.basePath}/'`);
            assert.ok(!url.startsWith('//'), `${url} is not protocol-relative`);
          }
        });

        it(`${label}: nothing the CSP blocks (inline script, style attributes, event handlers)`, () => {
          const html = render(tenant, page, locale);
          for (const tag of tags(html)) {
            if (tag.name === 'script' && !tag.closing) {
              assert.ok(tag.attributes.get('src'), `${tag.raw} has a src`);
              assert.equal(tag.attributes.get('type'), 'module');
            }
            assert.notEqual(tag.name, 'style', 'no <style> element');
            for (const name of tag.attributes.keys()) {
              assert.ok(name !== 'style' && !name.startsWith('on'), `${tag.raw}: no ${name}=`);
            }
            if (tag.attributes.has('href')) assert.doesNotMatch(tag.attributes.get('href')!, /^\s*javascript:/i);
          }
          // Scripts are empty: nothing between <script …> and </script>.
          assert.doesNotMatch(html, /<script\b[^>]*>(?!<\/script>)/);
        });

        it(`${label}: skip link, landmarks, one h1, a language switch, the stylesheet`, () => {
          const html = render(tenant, page, locale);
          const all = tags(html).filter((tag) => !tag.closing);
          const first = all.find((tag) => tag.name === 'a')!;
          assert.equal(first.attributes.get('href'), '#main', 'the first link skips to the content');
          const main = all.filter((tag) => tag.name === 'main');
          assert.equal(main.length, 1);
          assert.equal(main[0]!.attributes.get('id'), 'main');
          for (const landmark of ['header', 'nav', 'footer']) assert.equal(all.filter((tag) => tag.name === landmark).length, 1, landmark);
          assert.ok(all.find((tag) => tag.name === 'nav')!.attributes.get('aria-label'));
          assert.equal(all.filter((tag) => tag.name === 'h1').length, 1);

          const other = locale === 'sv' ? 'en' : 'sv';
          const switcher = all.find((tag) => tag.name === 'a' && tag.attributes.get('hreflang') === other)!;
          assert.ok(switcher, 'a link to the other language');
          assert.equal(switcher.attributes.get('lang'), other);
          assert.equal(switcher.attributes.get('href'), demoPagePath(tenant.basePath, page, other));

          const stylesheets = all.filter((tag) => tag.name === 'link' && tag.attributes.get('rel') === 'stylesheet').map((tag) => tag.attributes.get('href'));
          const expected = [`${tenant.basePath}/demo/demo.css`, ...(tenant.hasBranding ? [`${tenant.basePath}/branding.css`] : [])];
          assert.deepEqual(stylesheets, expected);
        });
      }
    }

    it(`index of tenant '${tenant.basePath}' lists the services with description and handling time, and links the status page`, () => {
      const sv = render(tenant, { kind: 'index' }, 'sv');
      assert.match(sv, /<a href="[^"]*\/e-tjanster\/fault-report">Felanmälan<\/a>/);
      assert.ok(sv.includes(`href="${tenant.basePath}/e-tjanster/fault-report"`));
      assert.ok(sv.includes('Gator, parker och belysning.'));
      assert.ok(sv.includes('Handläggningstid: 5 arbetsdagar'));
      assert.ok(sv.includes('Handläggningstid: 1 arbetsdag<'));
      assert.ok(sv.includes(`href="${tenant.basePath}/status"`));
      assert.ok(sv.includes('<a href="' + tenant.basePath + '/" aria-current="page">'));

      const en = render(tenant, { kind: 'index' }, 'en');
      assert.ok(en.includes(`href="${tenant.basePath}/en/e-services/fault-report"`));
      assert.ok(en.includes('Handling time: 5 working days'));
      assert.ok(en.includes('Handling time: 1 working day<'));
      assert.ok(en.includes(`href="${tenant.basePath}/en/status"`));
      assert.ok(en.includes('E-services by eservice-kit.'), 'a footer that also fits a real municipality: the status page is every tenant\'s');
      assert.ok(sv.includes('E-tjänster med eservice-kit.'));
    });

    it(`service page of tenant '${tenant.basePath}' embeds the documented snippet`, () => {
      for (const locale of locales) {
        const html = render(tenant, { kind: 'service', serviceId: 'fault-report' }, locale);
        const all = tags(html).filter((tag) => !tag.closing);
        const script = all.filter((tag) => tag.name === 'script');
        assert.deepEqual(
          script.map((tag) => tag.attributes.get('src')),
          [`${tenant.basePath}/eservice-kit.js`],
        );
        const element = all.filter((tag) => tag.name === 'es-service');
        assert.equal(element.length, 1);
        assert.equal(element[0]!.attributes.get('service'), 'fault-report');
        assert.equal(element[0]!.attributes.get('api'), tenant.basePath === '' ? '/' : tenant.basePath);
        assert.equal(element[0]!.attributes.get('heading-level'), '1', 'the element\'s title is the page\'s heading');
        assert.ok(html.includes(`<noscript><h1>${locale === 'sv' ? 'Felanmälan' : 'Report a fault'}</h1>`), 'without scripts the title still heads the page');
      }
    });

    it(`status page of tenant '${tenant.basePath}' loads status.js and has a labelled form`, () => {
      for (const locale of locales) {
        const html = render(tenant, { kind: 'status' }, locale);
        const all = tags(html).filter((tag) => !tag.closing);
        assert.deepEqual(
          all.filter((tag) => tag.name === 'script').map((tag) => tag.attributes.get('src')),
          [`${tenant.basePath}/demo/status.js`],
        );
        const inputs = all.filter((tag) => tag.name === 'input');
        assert.equal(inputs.length, 2);
        for (const input of inputs) {
          const id = input.attributes.get('id')!;
          assert.ok(all.some((tag) => tag.name === 'label' && tag.attributes.get('for') === id), `${id} has a label`);
          assert.equal(input.attributes.get('autocomplete'), 'off');
          assert.equal(input.attributes.get('autocapitalize'), 'characters');
          assert.equal(input.attributes.get('spellcheck'), 'false');
          for (const described of input.attributes.get('aria-describedby')!.split(' ')) {
            assert.ok(all.some((tag) => tag.attributes.get('id') === described), `${described} exists`);
          }
        }
        // Without the script the form must not put the tracking code into the address.
        assert.equal(inputs.find((tag) => tag.attributes.get('id') === 'status-code')!.attributes.has('name'), false);
        assert.equal(all.find((tag) => tag.attributes.get('id') === 'status-live')!.attributes.get('role'), 'status');
        assert.equal(all.find((tag) => tag.attributes.get('id') === 'status-error')!.attributes.get('role'), 'alert');
        assert.ok(all.find((tag) => tag.attributes.get('id') === 'status-result')!.attributes.has('hidden'));
        assert.ok(all.some((tag) => tag.name === 'meta' && tag.attributes.get('name') === 'referrer' && tag.attributes.get('content') === 'no-referrer'));
        assert.ok(html.includes(locale === 'sv' ? '<h1>Följ ditt ärende</h1>' : '<h1>Follow your case</h1>'));
      }
    });
  }

  it('answers undefined for an unknown service', () => {
    for (const locale of locales) {
      assert.equal(renderDemoPage(root, { kind: 'service', serviceId: 'no-such-service' }, locale), undefined);
      assert.equal(renderDemoPage(ostra, { kind: 'service', serviceId: 'Fault-Report' }, locale), undefined);
    }
  });

  it('escapes a hostile tenant name and hostile service texts everywhere', () => {
    const evil = `<script>alert(1)</script>"' onmouseover="alert(2)" & <img src=x onerror=alert(3)>`;
    const hostile: DemoTenant = {
      basePath: '/ostra',
      name: { sv: evil, en: evil },
      services: [{ id: `x"><script>alert(4)</script>`, title: { sv: evil, en: evil }, description: { sv: evil, en: evil }, handlingDays: 3 }],
      hasBranding: false,
    };
    const rendered: DemoPage[] = [{ kind: 'index' }, { kind: 'service', serviceId: hostile.services[0]!.id }, { kind: 'status' }];
    for (const page of rendered) {
      for (const locale of locales) {
        const html = render(hostile, page, locale);
        assertWellFormed(html);
        assert.ok(!html.includes('<script>'), 'no injected script');
        assert.ok(!html.includes('<img'), 'no injected image');
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=&quot;alert(2)&quot; &amp; &lt;img'), 'the name appears escaped');
        for (const tag of tags(html)) {
          for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `${tag.raw}: no ${name}=`);
        }
        if (page.kind === 'service') {
          const element = tags(html).find((tag) => tag.name === 'es-service')!;
          assert.equal(element.attributes.get('service'), hostile.services[0]!.id, 'the id survives as the attribute value');
        }
        if (page.kind === 'index') {
          assert.ok(html.includes(`href="/ostra/${locale === 'sv' ? 'e-tjanster' : 'en/e-services'}/x%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E"`));
        }
      }
    }
  });

  it('escapes the five characters', () => {
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
    assert.equal(escapeHtml('Östra kommun'), 'Östra kommun');
  });

  it('page paths and the api attribute for root and prefixed tenants', () => {
    assert.equal(demoPagePath('', { kind: 'index' }, 'sv'), '/');
    assert.equal(demoPagePath('', { kind: 'index' }, 'en'), '/en/');
    assert.equal(demoPagePath('/ostra', { kind: 'index' }, 'sv'), '/ostra/');
    assert.equal(demoPagePath('/ostra', { kind: 'index' }, 'en'), '/ostra/en/');
    assert.equal(demoPagePath('/ostra', { kind: 'service', serviceId: 'fault-report' }, 'sv'), '/ostra/e-tjanster/fault-report');
    assert.equal(demoPagePath('/ostra', { kind: 'service', serviceId: 'fault-report' }, 'en'), '/ostra/en/e-services/fault-report');
    assert.equal(demoPagePath('', { kind: 'status' }, 'sv'), '/status');
    assert.equal(demoPagePath('/ostra', { kind: 'status' }, 'en'), '/ostra/en/status');
    assert.equal(demoPagePath('/ostra/', { kind: 'status' }, 'sv'), '/ostra/status', 'a trailing slash is dropped');
    assert.equal(demoApiAttribute(''), '/');
    assert.equal(demoApiAttribute('/'), '/');
    assert.equal(demoApiAttribute('/ostra'), '/ostra');
    // How the elements' HttpTransport reads `api`: the tenant's API under the page's origin.
    const resolve = (api: string) => new URL('api/services/fault-report', new URL(`${api.replace(/\/+$/, '')}/`, 'https://kommun.example/ostra/e-tjanster/fault-report')).href;
    assert.equal(resolve(demoApiAttribute('/ostra')), 'https://kommun.example/ostra/api/services/fault-report');
    assert.equal(resolve(demoApiAttribute('')), 'https://kommun.example/api/services/fault-report');
  });

  it('refuses a base path that is not a plain path prefix', () => {
    for (const basePath of ['ostra', '/ost ra', '/a"b', 'https://evil.example', '//evil.example', '/a?b', '/a#b']) {
      assert.throws(() => renderDemoPage({ ...root, basePath }, { kind: 'index' }, 'sv'), RangeError, basePath);
    }
  });
});
