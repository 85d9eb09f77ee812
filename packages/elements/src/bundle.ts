// Entry of the script-tag bundle: registers all elements, configures
// localization and follows the page's language at run time.
import './define.js';
import { resolveLocale, setupLocalization } from './localization.js';
import { definitionChecker } from './components/es-service/load-service.js';
import type { LoadResult } from '@eservice-kit/core';

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
// validator module (it is in the bundle anyway for <es-service>).
export { compiledFromModule, evaluate, resolveText } from '@eservice-kit/core';

/**
 * Core's `loadDefinition()`, loaded on first use: the definition checker is a chunk of
 * its own (it is the largest part of the library), so in the bundle it is asynchronous.
 */
export async function checkDefinition(input: unknown): Promise<LoadResult> {
  return (await definitionChecker())(input);
}
