import { css } from 'lit';

export const styles = css`
  .base,
  .form {
    display: grid;
    gap: var(--_es-space-m);
    justify-items: start;
  }
  .form {
    margin: 0;
  }
  /* Full width: the text field, the scale (long Swedish labels wrap) and messages. */
  .base > *,
  .form > :not(.send) {
    justify-self: stretch;
  }

  .heading {
    /* As wide as its text, so the focus ring of the thanks hugs it. */
    justify-self: start;
    inline-size: fit-content;
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: var(--_es-focus-ring);
    outline-offset: var(--_es-focus-ring-offset);
  }

  .scale {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .scale > * + * {
    margin-block-start: var(--_es-space-s);
  }
  .question {
    margin: 0;
    padding: 0;
    font-weight: 700;
  }
  /* A bar beside a question or field in error, seen also without colour. */
  .scale.invalid,
  .field.invalid {
    padding-inline-start: var(--_es-space-m);
    border-inline-start: 0.25em solid var(--_es-color-error);
  }

  .options {
    display: grid;
    gap: var(--_es-space-xs);
  }
  .option {
    display: flex;
    align-items: center;
    gap: var(--_es-space-s);
    inline-size: fit-content;
    min-block-size: max(2em, 24px);
    cursor: pointer;
  }
  /* At least 24 CSS px (WCAG 2.5.8), larger with larger text. */
  .option input {
    flex: none;
    inline-size: max(1.5em, 24px);
    block-size: max(1.5em, 24px);
    margin: 0;
    accent-color: var(--_es-color-text);
    cursor: pointer;
  }

  .field {
    display: grid;
    gap: var(--_es-space-xs);
  }
  .label {
    font-weight: 700;
  }
  .optional {
    font-weight: 400;
  }
  .hint,
  .count,
  .error,
  .report {
    margin: 0;
  }
  .error,
  .count.over {
    color: var(--_es-color-error);
    font-weight: 700;
  }

  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 6em;
    margin: 0;
    padding: var(--_es-space-s);
    border: 0.125em solid var(--_es-color-border);
    border-radius: var(--_es-radius);
    background-color: var(--_es-color-surface);
    color: var(--_es-color-text);
    /* 1em: 16px on a 16px page, so iOS does not zoom in on focus. */
    font: inherit;
    font-size: 1em;
    line-height: var(--_es-line-height);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_es-color-error);
  }

  .answers {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_es-space-s);
    margin-block-start: var(--_es-space-s);
  }

  button {
    min-inline-size: max(2.5em, 24px);
    min-block-size: max(2.5em, 24px);
    margin: 0;
    padding-block: var(--_es-space-xs);
    padding-inline: var(--_es-space-m);
    border: 0.125em solid var(--_es-color-text);
    border-radius: var(--_es-radius);
    background-color: transparent;
    color: var(--_es-color-text);
    font: inherit;
    font-size: 1em;
    cursor: pointer;
  }
  .send,
  .answer[aria-pressed='true'] {
    background-color: var(--_es-color-text);
    color: var(--_es-color-surface);
    font-weight: 700;
  }
  .answer:hover,
  .retry:hover {
    background-color: var(--_es-color-hover);
  }
  .answer[aria-pressed='true']:hover,
  .send:hover {
    background-color: var(--_es-color-text);
    text-decoration: underline;
  }
  /* Sending: looks unavailable but keeps its contrast and stays focusable. */
  .send[aria-disabled='true'] {
    border-style: dashed;
    background-color: transparent;
    color: var(--_es-color-text);
    text-decoration: none;
    cursor: progress;
  }

  /* The failure message's text and "Try again", slotted into es-message. */
  .failure p {
    margin: 0;
  }
  .failure p + p {
    margin-block-start: var(--_es-space-s);
  }

  a {
    color: inherit;
    text-decoration: underline;
  }

  input:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: var(--_es-focus-ring);
    outline-offset: var(--_es-focus-ring-offset);
  }

  @media (forced-colors: active) {
    .send[aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;
