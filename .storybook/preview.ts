import { html } from 'lit';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';
import '../packages/elements/src/define.js';
import { setupLocalization } from '../packages/elements/src/localization.js';
import type { UiLocale } from '../packages/elements/src/localization.js';
import { axeRunOptions } from '../scripts/axe-options.mjs';

setCustomElementsManifest(manifest);

const { setLocale } = setupLocalization();

type Theme = 'light' | 'dark' | 'high-contrast';

// A page-level token override, to show theming through --es-* properties.
// (Forced colors, Windows high contrast, cannot be switched from inside a
// page; emulate it with DevTools > Rendering > "Emulate CSS media feature
// forced-colors". scripts/story-axe.mjs runs every story in it once.)
const highContrastTokens = [
  '--es-color-text: #000',
  '--es-color-error: #000',
  '--es-color-warning: #000',
  '--es-color-info: #000',
  '--es-color-success: #000',
  '--es-color-error-surface: #fff',
  '--es-color-warning-surface: #fff',
  '--es-color-info-surface: #fff',
  '--es-color-success-surface: #fff',
  '--es-color-focus: #000',
].join(';');

const pageBackground: Record<Theme, string> = {
  light: '#ffffff',
  dark: '#121212',
  'high-contrast': '#ffffff',
};

/** Applies the toolbar globals the way a host page would: <html lang/dir>, a theme class or tokens. */
const withPageSettings: Decorator = (story, context) => {
  const locale = (context.globals['locale'] ?? 'sv') as UiLocale;
  const direction = (context.globals['direction'] ?? 'ltr') as 'ltr' | 'rtl';
  const theme = (context.globals['theme'] ?? 'light') as Theme;

  document.documentElement.lang = locale;
  document.documentElement.dir = direction;
  document.body.style.backgroundColor = pageBackground[theme];
  void setLocale(locale);

  return html`<div
    class=${theme === 'dark' ? 'es-theme-dark' : ''}
    style="padding: 1em; color: ${theme === 'dark' ? '#f1f1f1' : '#1f1f1f'}; ${theme === 'high-contrast'
      ? highContrastTokens
      : ''}"
  >
    ${story()}
  </div>`;
};

const preview: Preview = {
  // A docs page per element, built from custom-elements.json (attributes, events, parts, tokens).
  tags: ['autodocs'],
  decorators: [withPageSettings],
  initialGlobals: {
    locale: 'sv',
    direction: 'ltr',
    theme: 'light',
  },
  globalTypes: {
    locale: {
      description: 'UI locale (sets <html lang>)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'sv', title: 'Svenska' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction (sets <html dir>)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark (.es-theme-dark)' },
          { value: 'high-contrast', title: 'High contrast (tokens)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  parameters: {
    controls: { expanded: true },
    a11y: {
      // The rule set of scripts/story-axe.mjs, from the same module.
      options: axeRunOptions(),
      test: 'error',
    },
  },
};

export default preview;
