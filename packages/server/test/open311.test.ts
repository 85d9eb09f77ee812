import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtInSamples, loadBuiltInDefinition } from '@eservice-kit/services';
import { open311RequestParameters, open311Status } from '../src/open311/service-request.js';
import type { StoredCase } from '../src/index.js';

const faultReport = loadBuiltInDefinition('fault-report').definition;
const samples = builtInSamples('fault-report').valid;

function storedCase(answers: Record<string, unknown>): StoredCase {
  return {
    tenant: 'ostra',
    reference: 'FEL-2026-000123',
    serviceId: 'fault-report',
    definitionVersion: faultReport.version,
    definitionHash: `sha256-${'a'.repeat(43)}`,
    locale: 'sv',
    answers,
    tokenHash: Buffer.alloc(32),
    codeHash: Buffer.alloc(32),
    status: { id: 'received', label: { sv: 'Mottagen', en: 'Received' }, open311: 'open', final: false },
    submittedAt: '2026-11-27T10:00:00.000Z',
    expectedBy: '2026-12-28',
    timeline: [],
    uploadIds: [],
  };
}

describe('Open311 GeoReport v2 from the definition\'s roles', () => {
  test('forwards a street-lighting report with position, attributes and the contact the citizen gave', () => {
    const sample = samples.find((candidate) => candidate.name.startsWith('street lighting with post number'))!;
    assert.deepEqual(open311RequestParameters(faultReport, storedCase(sample.answers)), {
      service_code: 'gatubelysning',
      lat: '59.3326',
      long: '18.0649',
      description: 'Tre lampor i rad är släckta.',
      email: 'karin.andersson@example.se',
      phone: '070-123 45 67',
      first_name: 'Karin',
      last_name: 'Andersson',
      'attribute[pole_number]': 'GB-1042',
      'attribute[extent]': 'flera-lampor',
    });
  });

  test('sends an address instead of a position, and no contact for an anonymous report', () => {
    const sample = samples.find((candidate) => candidate.name.startsWith('anonymous, address instead'))!;
    assert.deepEqual(open311RequestParameters(faultReport, storedCase(sample.answers)), {
      service_code: 'nedskrapning',
      address_string: 'Busshållplats Centralen, läge B',
      description: 'Soporna har inte tömts vid busshållplatsen.',
    });
  });

  test('has nothing to forward for a definition without an Open311 mapping, and maps statuses to open or closed', () => {
    const { open311: _mapping, ...withoutMapping } = faultReport;
    assert.equal(open311RequestParameters(withoutMapping, storedCase(samples[0]!.answers)), undefined);
    assert.equal(open311Status(storedCase({})), 'open');
  });
});
