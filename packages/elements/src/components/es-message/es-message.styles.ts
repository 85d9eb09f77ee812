import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--_es-color-info);
    --_surface: var(--_es-color-info-surface);
  }
  :host([variant='error']) {
    --_accent: var(--_es-color-error);
    --_surface: var(--_es-color-error-surface);
  }
  :host([variant='warning']) {
    --_accent: var(--_es-color-warning);
    --_surface: var(--_es-color-warning-surface);
  }
  :host([variant='success']) {
    --_accent: var(--_es-color-success);
    --_surface: var(--_es-color-success-surface);
  }

  .base {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: start;
    column-gap: var(--_es-space-s);
    padding-block: var(--_es-space-s);
    padding-inline: var(--_es-space-m) var(--_es-space-s);
    border: 0.0625em solid var(--_accent);
    border-inline-start-width: 0.375em;
    border-radius: var(--_es-radius);
    background-color: var(--_surface);
    color: var(--_es-color-text);
  }

  .icon {
    display: flex;
    align-items: center;
    /* One line of text high, so the icon sits on the first line. */
    block-size: calc(var(--_es-line-height) * 1em);
    color: var(--_accent);
  }
  .icon svg {
    display: block;
    inline-size: 1.25em;
    block-size: 1.25em;
  }

  .content {
    min-inline-size: 0;
    padding-block: 0;
  }

  .heading {
    margin: 0;
    font-weight: 700;
  }

  .body ::slotted(:first-child) {
    margin-block-start: 0;
  }
  .body ::slotted(:last-child) {
    margin-block-end: 0;
  }

  .details {
    margin-block: var(--_es-space-xs) 0;
    margin-inline: 0;
    padding-inline-start: 1.25em;
    list-style: disc;
  }
  .details li + li {
    margin-block-start: var(--_es-space-2xs);
  }

  .dismiss {
    display: inline-grid;
    place-items: center;
    /* 24 CSS px at least (WCAG 2.5.8), 2em when the text is larger. */
    min-inline-size: max(2em, 24px);
    min-block-size: max(2em, 24px);
    margin-block: calc((var(--_es-line-height) * 1em - max(2em, 24px)) / 2) 0;
    padding: 0;
    border: 0.0625em solid transparent;
    border-radius: var(--_es-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .dismiss svg {
    inline-size: 1.25em;
    block-size: 1.25em;
  }
  .dismiss:hover {
    background-color: var(--_es-color-hover);
  }
  .dismiss:focus-visible {
    outline: var(--_es-focus-ring);
    outline-offset: var(--_es-focus-ring-offset);
  }

  @media (forced-colors: active) {
    .base,
    .icon {
      forced-color-adjust: auto;
    }
    .dismiss {
      border-color: ButtonText;
      color: ButtonText;
    }
    .dismiss:hover {
      border-color: Highlight;
    }
  }
`;
