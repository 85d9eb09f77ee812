// A custom widget, as a vendor or municipality would add one (the example in
// docs/elements.md, "Custom widgets"): a 1–5 rating as five native radio buttons in a
// fieldset, for fields whose definition names it: "widget": "star-rating".
import { html, nothing } from 'lit';
import { registerWidget } from '../../packages/elements/src/index.js';
import type { WidgetContext } from '../../packages/elements/src/index.js';

const words = {
  sv: { optional: '(frivilligt)', error: 'Fel:', of: 'av' },
  en: { optional: '(optional)', error: 'Error:', of: 'of' },
};

function renderStarRating(context: WidgetContext) {
  const text = context.locale === 'sv' ? words.sv : words.en;
  const stars = [1, 2, 3, 4, 5];
  // The first control carries context.id: the error summary links to it.
  const idOf = (stars: number) => (stars === 1 ? context.id : `${context.id}-${stars}`);
  return html`<fieldset
    class="field group inline"
    part="field fieldset"
    aria-describedby=${context.describedBy || nothing}
    ?data-invalid=${context.error !== ''}
    @focusout=${(event: FocusEvent) => {
      // Validated once focus leaves the whole group, not between its buttons.
      const group = event.currentTarget as HTMLElement;
      if (!(event.relatedTarget instanceof Node) || !group.contains(event.relatedTarget)) context.touch();
    }}
  >
    <legend part="legend">
      ${context.label}${context.required ? nothing : html` <span class="optional">${text.optional}</span>`}
    </legend>
    ${context.help ? html`<div class="hint" part="hint" id=${context.hintId}>${context.help}</div>` : nothing}
    <div class="error" part="field-error" id=${context.errorId} ?hidden=${context.error === ''}>
      ${context.error ? html`<span class="visually-hidden">${text.error}</span> ${context.error}` : nothing}
    </div>
    <div class="choices">
      ${stars.map(
        (value) => html`<div class="choice">
          <input
            type="radio"
            id=${idOf(value)}
            name=${context.pointer}
            value=${value}
            part="radio"
            aria-invalid=${context.error ? 'true' : nothing}
            .checked=${context.value === value}
            @change=${() => context.set(value)}
          />
          <label for=${idOf(value)} part="choice-label">
            <span aria-hidden="true">${'★'.repeat(value)}${'☆'.repeat(5 - value)}</span>
            ${value} ${text.of} 5
          </label>
        </div>`,
      )}
    </div>
  </fieldset>`;
}

registerWidget({
  name: 'star-rating',
  // Only where a definition names it: 0 means "does not fit" for every other field.
  rank: () => 0,
  render: renderStarRating,
});
