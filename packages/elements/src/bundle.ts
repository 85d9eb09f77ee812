// Entry of the script-tag bundle: registers all elements, configures
// localization and follows the page's language at run time.
import './define.js';
import { resolveLocale, setupLocalization } from './localization.js';
import { definitionChecker } from './components/es-service/load-service.js';
import type { evaluate, loadDefinition } from '@eservice-kit/core';

export * from './index.js';

const WATCHING_KEY = Symbol.for('@eservice-kit/elements.watching-lang');
const global = globalThis as typeof globalThis & { [WATCHING_KEY]?: true };

const { setLocale } = setupLocalization();

function followPageLocale(): void {
  setLocale(resolveLocale(document)).catch((error: unknown) => {
    console.error('eservice-kit: could not switch locale', error);
  });
}

followPageLocale();

// A second copy of the bundle shares the controller and needs no second observer.
if (!global[WATCHING_KEY]) {
  global[WATCHING_KEY] = true;
  // A classic script in <head> runs before the body is parsed: look again
  // for `es-*` elements with `lang` once it is.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', followPageLocale, { once: true });
  }
  // `<html lang>` (and any element's `lang`) may change at run time, e.g. a
  // language switcher in a single-page CMS.
  new MutationObserver(followPageLocale).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
    subtree: true,
  });
}

// Core's eval-free half, for pages that check answers themselves with a precompiled
// validator module. The checker and the evaluation are chunks <es-service> loads once a
// definition arrives, so here they come through one asynchronous call.
export { compiledFromModule, resolveText } from '@eservice-kit/core';

/** Core's `loadDefinition()` and `evaluate()`, loaded on first use. */
export async function loadCore(): Promise<{ loadDefinition: typeof loadDefinition; evaluate: typeof evaluate }> {
  const [checker, engine] = await Promise.all([definitionChecker(), import('./components/es-service/form-engine.js')]);
  return { loadDefinition: checker, evaluate: engine.evaluate };
}
