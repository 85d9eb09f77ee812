import { css } from 'lit';

// Sizes in em (the page's font size, never rem: CMS pages often set a 10px root),
// logical properties only (rtl), and at least 24 CSS px targets (WCAG 2.5.8).
export const styles = css`
  :host {
    --_es-color-primary: var(--es-color-primary, #0b57d0);
    --_es-color-on-primary: var(--es-color-on-primary, #ffffff);
    --_es-control-size: max(2.75em, 44px);
    max-inline-size: 40em;
  }
  :host([theme='dark']) {
    --_es-color-primary: var(--es-color-primary, #8ab4f8);
    --_es-color-on-primary: var(--es-color-on-primary, #0b1d3a);
  }
  :host(:state(es-theme-dark):not([theme='light'])) {
    --_es-color-primary: var(--es-color-primary, #8ab4f8);
    --_es-color-on-primary: var(--es-color-on-primary, #0b1d3a);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_es-color-primary: var(--es-color-primary, #8ab4f8);
      --_es-color-on-primary: var(--es-color-on-primary, #0b1d3a);
    }
  }
  /* After every theme rule, with the same selectors: system colours win (see hostStyles). */
  @media (forced-colors: active) {
    :host,
    :host([theme]) {
      --_es-color-primary: ButtonText;
      --_es-color-on-primary: ButtonFace;
    }
    :host(:state(es-theme-dark):not([theme='light'])) {
      --_es-color-primary: ButtonText;
      --_es-color-on-primary: ButtonFace;
    }
  }

  .service {
    background: var(--_es-color-surface);
    color: var(--_es-color-text);
  }

  .heading {
    margin-block: var(--_es-space-l) var(--_es-space-s);
    font-weight: 700;
    line-height: 1.25;
  }
  .h1 { font-size: 2em; }
  .h2 { font-size: 1.5em; }
  .h3 { font-size: 1.25em; }
  .heading:focus { outline: none; }
  .heading:focus-visible { outline: var(--_es-focus-ring); outline-offset: var(--_es-focus-ring-offset); }

  p, dl { margin-block: 0 var(--_es-space-m); }
  .lead { margin-block-end: var(--_es-space-l); }

  .progress p { margin-block-end: var(--_es-space-xs); color: var(--_es-color-text); }
  progress {
    display: block;
    inline-size: 100%;
    block-size: 0.5em;
    margin-block-end: var(--_es-space-m);
    accent-color: var(--_es-color-primary);
  }

  form { margin: 0; }

  .field {
    margin-block: 0 var(--_es-space-l);
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .field[data-invalid] {
    padding-inline-start: var(--_es-space-m);
    border-inline-start: 0.3125em solid var(--_es-color-error);
  }
  fieldset.nested, fieldset.item {
    padding: var(--_es-space-m);
    border: 0.0625em solid var(--_es-color-border);
    border-radius: var(--_es-radius);
  }
  fieldset.item { margin-block-end: var(--_es-space-m); }
  /* The step's heading already says what the group's legend says. */
  .legend-is-title > fieldset.nested {
    padding: 0;
    border: 0;
  }
  .legend-is-title > fieldset > legend {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  legend, label {
    display: block;
    font-weight: 700;
    margin-block-end: var(--_es-space-xs);
  }
  legend { padding: 0; }
  fieldset.nested > legend, fieldset.item > legend { padding-inline: var(--_es-space-xs); }
  .optional { font-weight: 400; }
  .hint { margin-block-end: var(--_es-space-xs); }
  .error {
    margin-block-end: var(--_es-space-xs);
    color: var(--_es-color-error);
    font-weight: 700;
  }
  .count { margin-block-start: var(--_es-space-xs); }
  .count[data-over] { color: var(--_es-color-error); font-weight: 700; }

  input:not([type='radio'], [type='checkbox']), select, textarea {
    display: block;
    inline-size: 100%;
    max-inline-size: 30em;
    min-block-size: var(--_es-control-size);
    padding: var(--_es-space-s);
    border: 0.125em solid var(--_es-color-border);
    border-radius: var(--_es-radius);
    background: var(--_es-color-surface);
    color: var(--_es-color-text);
    font: inherit;
    font-size: max(1em, 16px);
  }
  textarea { max-inline-size: 100%; resize: vertical; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] {
    border-color: var(--_es-color-error);
  }
  :is(input, select, textarea, button, a, summary):focus-visible {
    outline: var(--_es-focus-ring);
    outline-offset: var(--_es-focus-ring-offset);
  }

  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_es-space-s);
    margin-block-end: var(--_es-space-s);
  }
  .choice input {
    flex: none;
    inline-size: max(1.5em, 24px);
    block-size: max(1.5em, 24px);
    margin: 0;
    accent-color: var(--_es-color-primary);
  }
  .choice label { font-weight: 400; margin: 0; padding-block-start: 0.1em; }
  .inline .choices { display: flex; flex-wrap: wrap; column-gap: var(--_es-space-l); }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_es-space-m);
    margin-block: var(--_es-space-l);
  }
  button, .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: var(--_es-control-size);
    min-inline-size: max(2em, 24px);
    padding-block: var(--_es-space-s);
    padding-inline: var(--_es-space-m);
    border: 0.125em solid var(--_es-color-primary);
    border-radius: var(--_es-radius);
    font: inherit;
    font-weight: 700;
    text-decoration: none;
    cursor: pointer;
  }
  .primary { background: var(--_es-color-primary); color: var(--_es-color-on-primary); }
  .secondary { background: var(--_es-color-surface); color: var(--_es-color-primary); }
  button[aria-disabled='true'] { opacity: 0.7; cursor: progress; }
  button.link {
    min-block-size: 24px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_es-color-primary);
    text-decoration: underline;
  }
  a { color: var(--_es-color-primary); }

  .error-summary {
    margin-block-end: var(--_es-space-l);
    padding: var(--_es-space-m);
    border: 0.3125em solid var(--_es-color-error);
    border-radius: var(--_es-radius);
  }
  .error-summary:focus { outline: var(--_es-focus-ring); outline-offset: var(--_es-focus-ring-offset); }
  .error-summary .heading { margin-block-start: 0; }
  .error-summary ul { margin: 0; padding-inline-start: 1.25em; }
  .error-summary a { color: var(--_es-color-error); font-weight: 700; }
  .error-summary li + li { margin-block-start: var(--_es-space-xs); }
  .submit-problem { margin-block: var(--_es-space-m); }
  .submit-problem:focus { outline: none; }
  es-message { display: block; margin-block-end: var(--_es-space-m); }

  .review-step dl, .receipt-facts { margin: 0 0 var(--_es-space-l); }
  .review-row {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    gap: var(--_es-space-s);
    padding-block: var(--_es-space-s);
    border-block-end: 0.0625em solid var(--_es-color-border);
  }
  .review-row dt { font-weight: 700; }
  .review-row dd { margin: 0; overflow-wrap: anywhere; }
  @media (max-width: 30em) {
    .review-row { grid-template-columns: minmax(0, 1fr) auto; }
    .review-row dt { grid-column: 1 / -1; }
  }

  .receipt-facts div { margin-block-end: var(--_es-space-s); }
  .receipt-facts dt { font-weight: 700; }
  .receipt-facts dd { margin: 0; }
  .reference, .code { font-size: 1.5em; font-weight: 700; letter-spacing: 0.05em; }

  details { margin-block: var(--_es-space-m); }
  summary { cursor: pointer; color: var(--_es-color-primary); text-decoration: underline; min-block-size: 24px; }
  .intro dt { font-weight: 700; }
  .intro dd { margin: 0 0 var(--_es-space-s); }

  /* Forced colours paint a backplate behind text: an inverted (filled) button would hide
     its own label. Buttons keep the system's button colours; the primary one a thicker border. */
  @media (forced-colors: active) {
    .primary {
      background: ButtonFace;
      color: ButtonText;
      border: 0.1875em solid ButtonText;
    }
  }

  @media print {
    .no-print, button, .give-feedback, es-feedback { display: none !important; }
  }
`;
