import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ES_ELEMENT_BRAND } from './define-element.js';

/** Colour theme of an element. Dark is opt-in; `auto` follows `prefers-color-scheme`. */
export type EsTheme = 'light' | 'dark' | 'auto';

/** Class on any ancestor that switches descendant elements to the dark theme. */
export const DARK_THEME_CLASS = 'es-theme-dark';

/**
 * Base class of every eservice-kit element.
 *
 * - brands the constructor so `defineElement()` recognises a registration
 *   made by another copy of the library;
 * - owns the one `ElementInternals` an element may have (subclasses use
 *   `this.internals`, never call `attachInternals()` again);
 * - maps the opt-in dark theme: a `theme="dark"` attribute on the element, or
 *   a `.es-theme-dark` class on an ancestor (checked when the element is
 *   connected), which sets the custom state `es-theme-dark` used by
 *   `hostStyles`.
 */
export class EsElement extends LitElement {
  /** @internal */
  static readonly [ES_ELEMENT_BRAND] = true;

  /**
   * Colour theme: `light` (default), `dark`, or `auto` (follows the user's
   * `prefers-color-scheme`). An ancestor with the class `es-theme-dark` also
   * selects the dark theme unless this attribute says `light`.
   */
  @property({ reflect: true }) theme?: EsTheme;

  protected readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  #darkAncestor = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#darkAncestor = this.closest(`.${DARK_THEME_CLASS}`) !== null;
    this.setState('es-theme-dark', this.#darkAncestor);
  }

  /**
   * The `theme` for eservice-kit elements in this element's shadow tree: a
   * `.es-theme-dark` ancestor cannot reach across the shadow boundary, so
   * nested elements are told.
   */
  protected get themeForNested(): EsTheme | undefined {
    return this.theme ?? (this.#darkAncestor ? 'dark' : undefined);
  }

  /** Sets or clears a custom state (`:state(name)`); a no-op where unsupported. */
  protected setState(name: string, on: boolean): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Chromium < 125 accepts only `--dashed` state names; the theme then
      // needs the `theme` attribute instead.
    }
  }
}
