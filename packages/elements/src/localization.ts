import { configureLocalization } from '@lit/localize';
import type { LocaleModule } from '@lit/localize';
// The UI locales are core's (core's messages exist in the same ones); type
// only, so the elements do not load core's code for it.
import type { UiLocale } from '@eservice-kit/core';
import { SOURCE_LOCALE } from './internal/ui-lang.js';
// Swedish is the default UI locale, so its templates are bundled statically:
// setLocale('sv') then settles within the same task and no English text is
// ever painted first. Add further locales here (or as dynamic imports).
import * as sv from './generated/locales/sv.js';

export type { UiLocale };

// Keep in step with lit-localize.json. (Its `localeCodesModule` option is
// not used: lit-localize-tools 0.8 resolves that path against the working
// directory instead of the config file.)
const sourceLocale = SOURCE_LOCALE;
const targetLocales = ['sv'] as const satisfies readonly UiLocale[];
const allLocales = [sourceLocale, ...targetLocales] as const satisfies readonly UiLocale[];

// Every UI locale of core needs translations here: a locale added to core's
// UI_LOCALES fails to type-check on this line until the elements support it.
type AssertNone<T extends never> = T;
type _EveryUiLocaleTranslated = AssertNone<Exclude<UiLocale, (typeof allLocales)[number]>>;

/** The UI locale used when the page says nothing we support. */
export const DEFAULT_LOCALE: UiLocale = 'sv';

export interface LocalizationController {
  /** The active UI locale. */
  getLocale(): UiLocale;
  /** Switches the UI locale; elements re-render when the promise settles. */
  setLocale(locale: UiLocale): Promise<void>;
}

const targetModules: ReadonlyMap<string, LocaleModule> = new Map<string, LocaleModule>([['sv', sv]]);

const CONTROLLER_KEY = Symbol.for('@eservice-kit/elements.localization');
type GlobalWithController = typeof globalThis & { [CONTROLLER_KEY]?: LocalizationController };

/**
 * Configures @lit/localize for eservice-kit's elements and returns the
 * controller. Idempotent: later calls, also from a second copy of the bundle
 * on the same page, return the controller created by the first call.
 *
 * The npm entry points never call this; the script-tag bundle does. An app
 * that imports the elements from npm calls it once (or configures
 * @lit/localize itself with the modules in `generated/locales`).
 *
 * The initial locale is the source locale, English; call `setLocale()`
 * (for instance with `resolveLocale(document)`) to pick the page's locale.
 */
export function setupLocalization(): LocalizationController {
  const global = globalThis as GlobalWithController;
  const existing = global[CONTROLLER_KEY];
  if (existing) return existing;

  let configured: ReturnType<typeof configureLocalization>;
  try {
    configured = configureLocalization({
      sourceLocale,
      targetLocales,
      loadLocale: async (locale) => {
        const module = targetModules.get(locale);
        if (!module) throw new Error(`eservice-kit: no translations for locale "${locale}"`);
        return module;
      },
    });
  } catch (cause) {
    throw new Error(
      'eservice-kit: @lit/localize was already configured by other code on this page; use that configuration instead of setupLocalization().',
      { cause },
    );
  }
  const controller: LocalizationController = {
    getLocale: () => configured.getLocale() as UiLocale,
    setLocale: (locale) => configured.setLocale(locale),
  };
  global[CONTROLLER_KEY] = controller;
  return controller;
}

/**
 * Maps a BCP 47 language tag to a UI locale: `sv`, `sv-SE`, `sv_FI` → `sv`;
 * `en`, `en-GB` → `en`; anything else (or nothing) → `undefined`.
 */
export function normalizeLocale(tag: string | null | undefined): UiLocale | undefined {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (allLocales as readonly string[]).includes(language ?? '') ? (language as UiLocale) : undefined;
}

/**
 * Picks the page's UI locale (one per page). An explicit `lang` on an
 * eservice-kit element wins, because a CMS editor can set that but usually
 * not `<html lang>`: the first element whose tag starts with `es-` and has a
 * non-empty `lang` decides; otherwise `<html lang>`. Tags are normalised
 * (`sv-SE` → `sv`); an unsupported or missing language gives `sv`.
 */
export function resolveLocale(doc: Document = document): UiLocale {
  for (const element of doc.querySelectorAll('[lang]')) {
    if (element.localName.startsWith('es-')) {
      const lang = element.getAttribute('lang') ?? '';
      if (lang.trim() !== '') return normalizeLocale(lang) ?? DEFAULT_LOCALE;
    }
  }
  return normalizeLocale(doc.documentElement?.getAttribute('lang')) ?? DEFAULT_LOCALE;
}
