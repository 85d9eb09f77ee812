// The axe-core rule set for stories: one source for Storybook's a11y panel
// (.storybook/preview.ts) and the CI run over every story (scripts/story-axe.mjs).

/** Rules tagged with any of these run: WCAG 2.0/2.1/2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = Object.freeze(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);

/**
 * Rules switched off. `region` (content outside landmarks) judges a page,
 * and a story canvas is not a page: the host page provides the landmarks.
 */
export const AXE_DISABLED_RULES = Object.freeze(['region']);

/** `axe.run()` options from the two lists above. */
export function axeRunOptions() {
  return {
    runOnly: { type: 'tag', values: [...AXE_TAGS] },
    rules: Object.fromEntries(AXE_DISABLED_RULES.map((id) => [id, { enabled: false }])),
  };
}
