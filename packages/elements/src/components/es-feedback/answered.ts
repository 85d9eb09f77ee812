// "Never asks twice": which feedback prompts this tab has answered, so a
// prompt re-created in the same tab (a reload, a re-rendered receipt) shows
// the thank-you state instead. Kept in sessionStorage only: a function the
// citizen asked for by answering, gone when the tab closes. The key is a hash,
// so storage holds no case reference or page path in clear.

const PREFIX = 'eservice-kit.feedback.answered.';

/** Also consulted when storage is disabled or throws (then remembered until the page is left). */
const inMemory = new Set<string>();

/** What one prompt is about: a case (serviceId + reference), else a topic, else a whole service. */
export interface PromptSubject {
  readonly serviceId?: string;
  readonly reference?: string;
  readonly topic?: string;
}

/** 32-bit FNV-1a over the UTF-16 code units, from `seed`, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The storage key of a prompt; `undefined` when it names no subject at all. */
export function answeredKey({ serviceId, reference, topic }: PromptSubject): string | undefined {
  if (serviceId === undefined && reference === undefined && topic === undefined) return undefined;
  // A reference names the case; a topic matters only without one.
  const subject = JSON.stringify([serviceId ?? null, reference ?? null, reference === undefined ? (topic ?? null) : null]);
  // Two seeds: 64 bits, so unrelated prompts practically never collide.
  return PREFIX + fnv1a(subject, 0x811c9dc5) + fnv1a(subject, 0x01000193);
}

export function isAnswered(key: string): boolean {
  if (inMemory.has(key)) return true;
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

export function rememberAnswered(key: string): void {
  inMemory.add(key);
  try {
    sessionStorage.setItem(key, '1');
  } catch {
    // Disabled or full storage: the in-memory set still covers this page.
  }
}
