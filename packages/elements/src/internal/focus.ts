// Where focus goes when an element that holds it disappears (WCAG 2.4.3):
// without help the browser drops it to <body> and a keyboard or screen reader
// user starts again from the top of the page.

/** Elements that can take focus, before the checks below (disabled, hidden, inert). */
const CANDIDATES = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'iframe',
  'summary',
  'audio[controls]',
  'video[controls]',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(', ');

type Focusable = HTMLElement | SVGElement;

/** The parent in the composed tree: a shadow root leads to its host. */
function composedParent(node: Node): Node | null {
  if (node instanceof ShadowRoot) return node.host;
  return node.parentNode;
}

/** Whether `node` is `ancestor` or inside it, shadow trees included. */
export function composedContains(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = composedParent(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Elements in shadow-including tree order: an element, then its (open) shadow
 * tree, then its light children. Close to the order of sequential focus
 * navigation for ordinary pages (positive `tabindex` aside).
 */
function* composedElements(root: Document | ShadowRoot | Element): Generator<Element> {
  for (let child = root.firstElementChild; child; child = child.nextElementSibling) {
    yield child;
    if (child.shadowRoot) yield* composedElements(child.shadowRoot);
    yield* composedElements(child);
  }
}

function isRendered(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') {
    return element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  }
  return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/**
 * Whether `element` can take focus now: focusable by nature or through
 * `tabindex`, not disabled, rendered and not inert. With `sequential`, only
 * elements reachable with Tab (no `tabindex="-1"`).
 */
export function isFocusable(element: Element, sequential: boolean): element is Focusable {
  if (!(element instanceof HTMLElement || element instanceof SVGElement)) return false;
  if (!element.matches(CANDIDATES) || element.matches(':disabled')) return false;
  if (element.localName === 'summary') {
    // Only the first <summary> of a <details> is focusable.
    const details = element.parentElement;
    if (details?.localName !== 'details' || details.querySelector(':scope > summary') !== element) return false;
  }
  if (sequential && element.tabIndex < 0) return false;
  for (let node: Node | null = element; node; node = composedParent(node)) {
    if (node instanceof HTMLElement && node.inert) return false;
  }
  return isRendered(element);
}

/**
 * Where to put focus when `leaving` is about to be hidden or removed: the
 * next element reachable with Tab after it in document order (shadow trees
 * included), else the previous one, else the nearest focusable ancestor
 * (for example a container with `tabindex="-1"`). `undefined` when the page
 * has nothing focusable. Call it while `leaving` is still rendered.
 */
export function focusTargetFor(leaving: Element): Focusable | undefined {
  const all = [...composedElements(leaving.ownerDocument)];
  const index = all.indexOf(leaving);
  if (index !== -1) {
    let end = index + 1;
    while (end < all.length && composedContains(leaving, all[end]!)) end++;
    for (let i = end; i < all.length; i++) {
      const candidate = all[i]!;
      if (isFocusable(candidate, true)) return candidate;
    }
    for (let i = index - 1; i >= 0; i--) {
      const candidate = all[i]!;
      if (isFocusable(candidate, true)) return candidate;
    }
  }
  for (let node = composedParent(leaving); node; node = composedParent(node)) {
    if (node instanceof Element && isFocusable(node, false)) return node;
  }
  return undefined;
}
