import { css } from 'lit';

/** Dark theme defaults; a page can still override any public token. */
const darkTokens = css`
  --_es-color-text: var(--es-color-text, #f1f1f1);
  --_es-color-surface: var(--es-color-surface, #1c1c1e);
  --_es-color-border: var(--es-color-border, #a0a0a0);
  --_es-color-hover: var(--es-color-hover, rgb(255 255 255 / 0.12));
  --_es-color-focus: var(--es-color-focus, #8ab4f8);
  --_es-color-error: var(--es-color-error, #ffb4ab);
  --_es-color-error-surface: var(--es-color-error-surface, #3b1614);
  --_es-color-warning: var(--es-color-warning, #ffcc80);
  --_es-color-warning-surface: var(--es-color-warning-surface, #35270d);
  --_es-color-info: var(--es-color-info, #a8c8ff);
  --_es-color-info-surface: var(--es-color-info-surface, #13253d);
  --_es-color-success: var(--es-color-success, #94d9a8);
  --_es-color-success-surface: var(--es-color-success-surface, #10301b);
  color-scheme: dark;
`;

/**
 * The inherited text properties, set to the element's own values: on :host, and again on
 * each element's outermost wrapper (see below), where a page's rules cannot reach.
 */
const textReset = css`
  color: var(--_es-color-text);
  font-family: var(--_es-font-family);
  font-style: normal;
  font-weight: 400;
  font-variant: normal;
  font-stretch: normal;
  font-feature-settings: normal;
  line-height: var(--_es-line-height);
  letter-spacing: normal;
  word-spacing: normal;
  text-align: start;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  text-decoration: none;
  white-space: normal;
  hyphens: manual;
  word-break: normal;
  overflow-wrap: break-word;
  cursor: auto;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
`;

/** System colours for forced-colors mode: the user's palette wins over every token. */
const forcedColorTokens = css`
  --_es-color-text: CanvasText;
  --_es-color-surface: Canvas;
  --_es-color-border: CanvasText;
  --_es-color-hover: transparent;
  --_es-color-focus: Highlight;
  --_es-color-error: CanvasText;
  --_es-color-error-surface: Canvas;
  --_es-color-warning: CanvasText;
  --_es-color-warning-surface: Canvas;
  --_es-color-info: CanvasText;
  --_es-color-info-surface: Canvas;
  --_es-color-success: CanvasText;
  --_es-color-success-surface: Canvas;
  --_es-focus-ring: 0.1875em solid Highlight;
`;

/**
 * Styles shared by every eservice-kit element; put them first in `static styles`.
 *
 * Tokens: each public `--es-*` custom property is read once, on `:host`, into
 * a private `--_es-*` property with its default. Set the public ones anywhere
 * above the element (`:root`, a wrapper, the element itself). Component styles
 * use only the private ones.
 *
 * Host reset: font-family and font-size come from the page (sizes are in `em`,
 * never `rem`, because CMS pages often set a 10px root); every other
 * inherited text property is reset, so the page's `letter-spacing`,
 * `text-transform`, `line-height` and the like do not leak in.
 *
 * Themes: light by default; dark with `theme="dark"` on the element or the
 * class `es-theme-dark` on an ancestor; `theme="auto"` follows
 * `prefers-color-scheme`. In forced-colors mode the system colours win over
 * every theme.
 */
export const hostStyles = css`
  :host {
    --_es-font-family: var(--es-font-family, inherit);
    --_es-line-height: var(--es-line-height, 1.5);

    --_es-space-2xs: var(--es-space-2xs, 0.125em);
    --_es-space-xs: var(--es-space-xs, 0.25em);
    --_es-space-s: var(--es-space-s, 0.5em);
    --_es-space-m: var(--es-space-m, 1em);
    --_es-space-l: var(--es-space-l, 1.5em);
    --_es-radius: var(--es-radius, 0.25em);

    --_es-color-text: var(--es-color-text, #1f1f1f);
    --_es-color-surface: var(--es-color-surface, #ffffff);
    --_es-color-border: var(--es-color-border, #6b6b6b);
    --_es-color-hover: var(--es-color-hover, rgb(0 0 0 / 0.08));
    --_es-color-focus: var(--es-color-focus, #0b57d0);
    --_es-color-error: var(--es-color-error, #b3261e);
    --_es-color-error-surface: var(--es-color-error-surface, #fdeceb);
    --_es-color-warning: var(--es-color-warning, #8a5300);
    --_es-color-warning-surface: var(--es-color-warning-surface, #fff4df);
    --_es-color-info: var(--es-color-info, #1a5fb4);
    --_es-color-info-surface: var(--es-color-info-surface, #eaf2fc);
    --_es-color-success: var(--es-color-success, #1e6b38);
    --_es-color-success-surface: var(--es-color-success-surface, #e8f5ec);
    --_es-focus-ring: var(--es-focus-ring, 0.1875em solid var(--_es-color-focus));
    --_es-focus-ring-offset: var(--es-focus-ring-offset, 0.125em);

    display: block;
    box-sizing: border-box;
    font-size: inherit;
    ${textReset}
  }

  /* Dark theme defaults. A page can still override any public token. */
  :host([theme='dark']) {
    ${darkTokens}
  }

  /* The same for a .es-theme-dark ancestor (custom state set by EsElement).
     A separate rule: a browser without :state() drops only this one. */
  :host(:state(es-theme-dark):not([theme='light'])) {
    ${darkTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }

  /* Forced colors (Windows high contrast): system colours, no tokens, also
     over a dark theme. The selectors repeat the theme rules' selectors (same
     or higher specificity, later in the sheet); the :state() one is a rule of
     its own for the same reason as above. */
  @media (forced-colors: active) {
    :host,
    :host([theme]) {
      ${forcedColorTokens}
    }
    :host(:state(es-theme-dark):not([theme='light'])) {
      ${forcedColorTokens}
    }
  }

  :host([hidden]) {
    display: none !important;
  }

  /* A page's rules on the host element itself (a CMS's "* { letter-spacing: .1em;
     text-transform: uppercase }") beat :host rules, so the reset above is repeated on
     each element's outermost wrapper, where the page cannot reach. */
  [part~='base'] {
    ${textReset}
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  /* Text for assistive technology only. */
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    border: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
`;
