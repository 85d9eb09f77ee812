// The in-page half of the bench, injected by run.mjs before any page script runs
// (puppeteer's evaluateOnNewDocument, which the page's CSP does not block) so the pages
// themselves hold nothing but the form. All times are performance.now() in the page
// (navigation start = 0) and end once the frame showing the result has been painted:
// a check in requestAnimationFrame that holds, then a task queued from there, which runs
// after that frame's style, layout and paint. Controls are searched in the element's shadow
// root and any shadow roots nested in it. Every wait gives up after 10 s with a message.

/** Installs window.__bench for the form element `config.tag`; must not use anything outside itself. */
export function probe(config) {
  const TIMEOUT_MS = 10_000;
  const CONTROLS = 'input, select, textarea';
  const TEXT_INPUT = 'input[type="text" i], input:not([type])';
  const host = () => document.querySelector(config.tag);
  const all = (root, selector, found = []) => {
    if (!root) return found;
    found.push(...root.querySelectorAll(selector));
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) all(element.shadowRoot, selector, found);
    return found;
  };
  const visible = (element) => element.checkVisibility?.() ?? true;
  const firstTextInput = () => all(host()?.shadowRoot, TEXT_INPUT).find(visible);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
  const violations = [];
  addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

  /** performance.now() after the first painted frame in which `holds()` is true; `why()` explains a timeout. */
  const untilPainted = (holds, why, failFast = () => undefined) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + TIMEOUT_MS;
      const check = () => {
        if (holds()) return void setTimeout(() => resolve(performance.now()));
        const fatal = failFast();
        if (fatal || performance.now() > deadline) {
          const extra = violations.length ? ` (CSP violations: ${violations.join(', ')})` : '';
          return void reject(new Error((fatal ?? `${why()} within ${TIMEOUT_MS / 1000} s`) + extra));
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

  /** Lets the element finish whatever it does after an interaction before the next one. */
  const settle = async () => {
    await host()?.updateComplete;
    await frame();
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 50));
  };

  const controlCount = () => all(host()?.shadowRoot, CONTROLS).length;
  const render = untilPainted(
    () => controlCount() >= config.controls,
    () => `${config.tag} did not render ${config.controls} inputs (found ${controlCount()})`,
    () =>
      document.readyState === 'complete' && performance.now() > 3000 && !customElements.get(config.tag)
        ? `${config.tag} is not defined 3 s after load: its script did not register it`
        : undefined,
  );
  render.catch(() => {}); // awaited (and reported) by run.mjs

  window.__bench = {
    render,
    violations,

    /** ms from clicking the primary button on the empty form to the painted summary and inline errors. */
    async validateAll() {
      await settle();
      const root = () => host()?.shadowRoot;
      const button = all(root(), '[part~="button-primary"]')[0];
      if (!button) throw new Error(`${config.tag} has no [part~="button-primary"] button`);
      const inline = () =>
        Math.max(all(root(), '[aria-invalid="true"]').length, all(root(), '[part~="field-error"]:not([hidden])').length);
      const start = performance.now();
      button.click();
      const end = await untilPainted(
        () => all(root(), '[part~="error-summary"]').length > 0 && inline() >= config.errors,
        () =>
          `${config.tag} did not show [part~="error-summary"] and ${config.errors} inline errors ` +
          `(aria-invalid="true" or visible [part~="field-error"]; found summary: ${all(root(), '[part~="error-summary"]').length}, inline: ${inline()})`,
      );
      return end - start;
    },

    /**
     * Picks the option with this value or visible label in the step's first <select> (the
     * fault report's lamp questions need one; option values may be indexes) and waits for a text field.
     */
    async reveal({ value, label }) {
      await settle();
      const select = all(host()?.shadowRoot, 'select')[0];
      const option = [...(select?.options ?? [])].find((candidate) => candidate.value === value || candidate.text.trim() === label);
      if (!option) throw new Error(`${config.tag} has no <select> with the option "${label}"`);
      select.selectedIndex = option.index;
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await untilPainted(() => Boolean(firstTextInput()), () => `${config.tag} showed no text field after choosing "${label}"`);
    },

    /**
     * Focuses the first text field and sets window.__bench.keystroke: a promise of the ms
     * from the keydown (the event's own time stamp) to the element's update complete
     * (`updated`) and to the painted frame after it (`painted`). run.mjs then presses a key through CDP (a real key event).
     */
    async armKeystroke() {
      await settle();
      const input = firstTextInput();
      if (!input) throw new Error(`${config.tag} has no visible text field to type in`);
      input.focus();
      this.keystroke = new Promise((resolve, reject) => {
        let start;
        const timer = setTimeout(() => reject(new Error(`no input event within ${TIMEOUT_MS / 1000} s of the key press`)), TIMEOUT_MS);
        addEventListener('keydown', (event) => (start = event.timeStamp > 0 ? event.timeStamp : performance.now()), {
          capture: true,
          once: true,
        });
        // Bubbling on window: the element's own listeners inside its shadow root have run.
        addEventListener(
          'input',
          async () => {
            await host().updateComplete;
            const updated = performance.now();
            const end = await afterPaint();
            clearTimeout(timer);
            // Both: the update alone is the element's own work; the paint adds frame timing.
            resolve({ painted: end - start, updated: updated - start });
          },
          { once: true },
        );
      });
      this.keystroke.catch(() => {});
    },
  };
}
