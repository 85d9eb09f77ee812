/**
 * Marks constructors that come from eservice-kit, so a second copy of the
 * library (a CMS page that loads the bundle twice, or two npm versions) can
 * tell its own earlier registration from another library's element.
 */
export const ES_ELEMENT_BRAND: unique symbol = Symbol.for('@eservice-kit/elements.element');

/**
 * Registers `ctor` under `tagName` unless the tag is already defined.
 *
 * A custom element name can be defined only once per page. Loading the bundle
 * twice must not throw, so an existing eservice-kit registration is kept as
 * it is; a tag that some other library owns is left alone with a warning.
 */
export function defineElement(tagName: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tagName);
  if (existing === undefined) {
    customElements.define(tagName, ctor);
    return;
  }
  if (existing === ctor || ES_ELEMENT_BRAND in existing) return;
  console.warn(
    `eservice-kit: <${tagName}> is already defined by another library; this copy of eservice-kit does not register it.`,
  );
}
