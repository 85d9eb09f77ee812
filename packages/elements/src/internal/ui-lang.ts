import { msg } from '@lit/localize';

/** The language the UI strings are written in (`sourceLocale` in lit-localize.json). */
export const SOURCE_LOCALE = 'en';

/**
 * The language of the strings `msg()` returns right now, for a `lang`
 * attribute on the elements that hold them (WCAG 3.1.2: the UI locale may
 * differ from the page's language, e.g. a Swedish UI on `<html lang="fi">`).
 *
 * Read from the active translation itself, so it always matches the words
 * shown: with our `setupLocalization()`, with a vendor's own @lit/localize
 * configuration, and with none (English source strings). (@lit/localize
 * 0.12 exports no `getLocale()`; only `configureLocalization()` returns one,
 * and the npm entries must not call that.) Call it during render, like msg().
 *
 * Never put it on slotted or author-provided content: that is in the page's
 * language, not the UI's.
 */
export function uiLang(): string {
  return msg('en', {
    id: 'es-ui.lang',
    desc: 'The language code (BCP 47) of this translation, e.g. "sv". Not shown: it tells screen readers which language the UI strings are in.',
  });
}
