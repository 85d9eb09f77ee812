// Request bodies for scripts/bench/server.mjs: the valid samples of the built-in services
// (packages/services/samples/<id>.valid.json), each wrapped in the submit envelope of the
// server's current definition version, with a counter in the free-text field so no two
// bodies are equal.
import { readFileSync } from 'node:fs';

const SAMPLES_DIR = new URL('../../packages/services/samples/', import.meta.url);

/** The free-text field that gets the counter (a string property, allowed to grow a little). */
const FREE_TEXT = 'description';

/**
 * Candidates for `serviceIds`, given the summaries of GET /api/services:
 * [{ serviceId, name, path, build(n) → JSON body text }].
 */
export function candidateSamples(serviceIds, summaries, basePath = '') {
  const candidates = [];
  for (const serviceId of serviceIds) {
    const summary = summaries.find((service) => service.id === serviceId);
    if (summary === undefined) throw new Error(`GET ${basePath}/api/services does not list "${serviceId}".`);
    const samples = JSON.parse(readFileSync(new URL(`${serviceId}.valid.json`, SAMPLES_DIR), 'utf8'));
    for (const sample of samples) {
      const answers = sample.answers;
      const text = typeof answers[FREE_TEXT] === 'string' ? answers[FREE_TEXT] : undefined;
      candidates.push({
        serviceId,
        name: sample.name,
        path: `${basePath}/api/services/${encodeURIComponent(serviceId)}/cases`,
        build(n) {
          const varied = text === undefined ? answers : { ...answers, [FREE_TEXT]: `${text} (lasttest ${n})` };
          return JSON.stringify({
            answers: varied,
            locale: 'sv',
            definitionVersion: summary.version,
            definitionHash: summary.hash,
            durationMs: 30_000 + (n % 600_000),
          });
        },
      });
    }
  }
  return candidates;
}
