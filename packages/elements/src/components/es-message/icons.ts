import { html, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';
import type { EsMessageVariant } from './es-message.component.js';

// Each variant has its own shape, so the meaning never rests on colour alone:
// error = octagon with a cross, warning = triangle with "!", info = circle
// with "i", success = circle with a check mark. All use currentColor, which
// forced-colors mode maps to a system colour. 24×24 grid, 2px strokes.
const shapes: Record<EsMessageVariant, SVGTemplateResult> = {
  error: svg`<path d="M8.1 2h7.8L22 8.1v7.8L15.9 22H8.1L2 15.9V8.1z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8.5 8.5l7 7m0-7l-7 7" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round"/>`,
  warning: svg`<path d="M12 2.5L22.5 21h-21z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M12 9.5v5" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round"/><circle cx="12" cy="17.6" r="1.3" fill="currentColor"/>`,
  info: svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 11v6" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round"/><circle cx="12" cy="7.4" r="1.3" fill="currentColor"/>`,
  success: svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M7.5 12.5l3 3 6-6.5" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round"/>`,
};

export function variantIcon(variant: EsMessageVariant): TemplateResult {
  return html`<svg viewBox="0 0 24 24" width="24" height="24" focusable="false" aria-hidden="true">${shapes[variant]}</svg>`;
}

export const closeIcon = html`<svg viewBox="0 0 24 24" width="24" height="24" focusable="false" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round"/></svg>`;
