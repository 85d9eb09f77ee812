/**
 * Functions that run inside the page (through `page.evaluate`): where keyboard focus is,
 * which screen `<es-service>` shows, and a layout audit of that screen. Each function is
 * self-contained (no imports, no closures over Node values), since puppeteer sends its
 * source text to the page. tsx wraps named inner functions in `__name(...)`; the test
 * defines a no-op `__name` in the page for that (see NAME_SHIM).
 */

/** Defines esbuild's `__name` helper in the page, so functions compiled by tsx run there. */
export const NAME_SHIM = 'globalThis.__name ??= (target) => target;';

/** The element that has keyboard focus, as the driver needs it. */
export interface FocusedControl {
  /** Focus is inside `<es-service>` (its shadow tree, or a nested element's). */
  readonly inside: boolean;
  /** Focus is in `<es-service>`'s own shadow root (not in a nested element's). */
  readonly own: boolean;
  readonly tag: string;
  readonly type: string;
  /** The `name` attribute: for the form's controls, the JSON Pointer of the answer. */
  readonly name: string;
  /** The `value` attribute for radios and checkboxes (JSON of the choice), else the current value. */
  readonly value: string;
  readonly checked: boolean;
  readonly part: string;
  readonly dataPointer: string;
  readonly text: string;
  /** An element a user operates (control, button, link, summary): it must show a focus ring. */
  readonly interactive: boolean;
  readonly ring: { readonly style: string; readonly width: number; readonly boxShadow: string };
  /** Radios: the group's values (JSON), the index checked (-1 for none) and the index focused. */
  readonly radios?: { readonly values: readonly string[]; readonly checked: number; readonly focused: number };
  /** Selects: the options' values and the selected index. */
  readonly options?: { readonly values: readonly string[]; readonly selected: number };
  /** "Add another": how many items its list shows now. */
  readonly items?: number;
}

export function describeFocus(): FocusedControl | null {
  const host = document.querySelector('es-service');
  let active: Element | null = document.activeElement;
  const inside = host !== null && active === host;
  let depth = 0;
  while (active?.shadowRoot?.activeElement) {
    active = active.shadowRoot.activeElement;
    depth++;
  }
  if (active === null) return null;
  const element = active as HTMLElement;
  const input = element instanceof HTMLInputElement ? element : undefined;
  const style = getComputedStyle(element);
  const tag = element.localName;
  const type = input?.type ?? (element instanceof HTMLButtonElement ? element.type : '');
  const choice = input !== undefined && (input.type === 'radio' || input.type === 'checkbox');
  let radios: FocusedControl['radios'];
  if (input?.type === 'radio' && input.name !== '') {
    const root = input.getRootNode() as ParentNode;
    const group = Array.from(root.querySelectorAll('input[type="radio"]')).filter((other) => (other as HTMLInputElement).name === input.name) as HTMLInputElement[];
    radios = {
      values: group.map((radio) => radio.getAttribute('value') ?? ''),
      checked: group.findIndex((radio) => radio.checked),
      focused: group.indexOf(input),
    };
  }
  let options: FocusedControl['options'];
  if (element instanceof HTMLSelectElement) {
    options = { values: Array.from(element.options).map((option) => option.value), selected: element.selectedIndex };
  }
  const part = element.getAttribute('part') ?? '';
  let items: number | undefined;
  if (/\bbutton-add\b/.test(part)) items = element.parentElement?.querySelectorAll(':scope > fieldset.item').length ?? 0;
  return {
    inside,
    own: inside && depth === 1,
    tag,
    type,
    name: element.getAttribute('name') ?? '',
    value: choice ? (element.getAttribute('value') ?? '') : 'value' in element ? String((element as HTMLInputElement).value) : '',
    checked: input?.checked ?? false,
    part,
    dataPointer: element.getAttribute('data-pointer') ?? '',
    text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
    interactive: /^(input|select|textarea|button|a|summary)$/.test(tag),
    ring: { style: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0, boxShadow: style.boxShadow },
    ...(radios ? { radios } : {}),
    ...(options ? { options } : {}),
    ...(items === undefined ? {} : { items }),
  };
}

/** What `<es-service>` shows now. */
export interface ScreenState {
  readonly kind: 'missing' | 'loading' | 'failed' | 'intro' | 'step' | 'review' | 'receipt';
  readonly heading: string;
  readonly progress: string;
  /** The error summary's entries, if one is shown. */
  readonly errors: readonly string[];
  /** The submission problem, if one is shown. */
  readonly problem: string;
  readonly reference: string;
  /** Text of a failure message (phase "failed"). */
  readonly failure: string;
}

export function screenState(): ScreenState {
  const root = document.querySelector('es-service')?.shadowRoot;
  const text = (selector: string) => (root?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const base = { heading: '', progress: text('[part~="progress"] p'), errors: [] as string[], problem: text('#es-submit-problem'), reference: '', failure: '' };
  if (!root) return { ...base, kind: 'missing' };
  const errors = Array.from(root.querySelectorAll('#es-error-summary li')).map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim());
  if (root.querySelector('#es-receipt-heading')) return { ...base, kind: 'receipt', heading: text('#es-receipt-heading'), reference: text('[part~="reference"]') };
  if (root.querySelector('#es-intro-heading')) return { ...base, kind: 'intro', heading: text('#es-intro-heading') };
  if (root.querySelector('[part~="review"]')) return { ...base, kind: 'review', heading: text('#es-screen-heading'), errors };
  if (root.querySelector('form')) return { ...base, kind: 'step', heading: text('#es-screen-heading'), errors };
  if (root.querySelector('.loading')) return { ...base, kind: 'loading' };
  const failure = root.querySelector('es-message');
  if (failure) return { ...base, kind: 'failed', failure: `${failure.getAttribute('heading') ?? ''}: ${(failure.textContent ?? '').trim()}` };
  return { ...base, kind: 'loading' };
}

/** One screen's layout problems, by criterion. */
export interface ScreenAudit {
  /** Text of controls (fields, selects, buttons, radio and checkbox labels) under 16 px. */
  readonly smallText: readonly string[];
  /** Labels, legends and buttons that are not visible. */
  readonly invisible: readonly string[];
  /** Controls whose box is under 24 × 24 CSS px. */
  readonly smallTargets: readonly string[];
  /** How many elements each check looked at (so an empty screen does not pass silently). */
  readonly counted: { readonly controls: number; readonly labels: number; readonly targets: number };
  /** Inherited text properties at the top of the shadow tree (does the page's `*` reset leak in?). */
  readonly inherited: { readonly textTransform: string; readonly letterSpacing: string; readonly lineHeight: string; readonly fontSize: string };
}

/**
 * Audits what `<es-service>` renders now, nested elements' shadow roots included. Left out,
 * by design: content of a closed `<details>` (its summary is checked), `[hidden]` content and
 * visually hidden text for assistive technology.
 */
export function auditScreen(): ScreenAudit {
  const host = document.querySelector('es-service');
  const elements: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      elements.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (host?.shadowRoot) walk(host.shadowRoot);
  const byDesign = (element: Element) => {
    let node: Element | null = element;
    let child: Element | null = null;
    while (node !== null && node !== host) {
      if (node.hasAttribute('hidden') || node.classList.contains('visually-hidden')) return true;
      if (node instanceof HTMLDetailsElement && !node.open && child !== null && child.localName !== 'summary') return true;
      child = node;
      const root = node.getRootNode();
      node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return false;
  };
  const describe = (element: Element) => {
    const name = element.getAttribute('name');
    const value = element.getAttribute('value');
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
    const where = element.getRootNode() instanceof ShadowRoot ? (element.getRootNode() as ShadowRoot).host.localName : 'page';
    return `<${element.localName}${element.getAttribute('type') ? ` type=${element.getAttribute('type')}` : ''}${name ? ` name=${name}` : ''}${value ? ` value=${value}` : ''}${element.getAttribute('part') ? ` part="${element.getAttribute('part')}"` : ''}> "${text}" in ${where}`;
  };
  const shown = elements.filter((element) => !byDesign(element));
  // Text a control shows: text fields, selects, buttons, and the labels of radios and checkboxes
  // (a radio or checkbox itself has no text, and keeps the browser's small-control font).
  const controls = shown.filter(
    (element) =>
      element.matches('input:not([type="radio"], [type="checkbox"]), select, textarea, button, summary') ||
      (element instanceof HTMLLabelElement && element.control instanceof HTMLInputElement && /^(radio|checkbox)$/.test(element.control.type)),
  );
  const labels = shown.filter((element) => element.matches('label, legend, button, summary'));
  const targets = shown.filter((element) => element.matches('input, select, textarea, button, summary, a.button'));
  const smallText = controls
    .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 16 - 0.01)
    .map((element) => `${describe(element)}: font-size ${getComputedStyle(element).fontSize}`);
  const invisible = labels
    .filter((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const visible = element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
      return !visible || style.display === 'none' || style.visibility !== 'visible' || box.width < 1 || box.height < 1;
    })
    .map((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return `${describe(element)}: display ${style.display}, visibility ${style.visibility}, opacity ${style.opacity}, box ${box.width.toFixed(1)}×${box.height.toFixed(1)}`;
    });
  const smallTargets = targets
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width < 24 - 0.01 || box.height < 24 - 0.01;
    })
    .map((element) => {
      const box = element.getBoundingClientRect();
      return `${describe(element)}: ${box.width.toFixed(1)}×${box.height.toFixed(1)} px`;
    });
  const sample = host?.shadowRoot?.querySelector('[part~="base"]') ?? host;
  const style = sample ? getComputedStyle(sample) : undefined;
  return {
    smallText,
    invisible,
    smallTargets,
    counted: { controls: controls.length, labels: labels.length, targets: targets.length },
    inherited: {
      textTransform: style?.textTransform ?? '',
      letterSpacing: style?.letterSpacing ?? '',
      lineHeight: style?.lineHeight ?? '',
      fontSize: style?.fontSize ?? '',
    },
  };
}
