import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { configFromEnv } from '../src/index.js';
import { loadTenantConfigs } from '../src/tenancy/tenant-config.js';
import { temporaryFolder } from './support/test-server.js';

describe('configuration from the environment', () => {
  test('defaults to port 8080 and ./data, one tenant at the root with every built-in service', () => {
    const config = configFromEnv({}, '/srv/kommun');
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, '/srv/kommun/data');
    assert.equal(config.trustProxy, false);
    const [tenant, ...others] = loadTenantConfigs(config);
    assert.deepEqual(others, []);
    assert.equal(tenant!.basePath, '');
    assert.deepEqual(tenant!.builtInServices, ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report']);
    assert.deepEqual(tenant!.name, { sv: 'Demokommun', en: 'Demo municipality' });
  });

  test('names the variable and the allowed values when one is wrong', () => {
    for (const [env, message] of [
      [{ PORT: 'http' }, /PORT must be a whole number/],
      [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be true or false/],
      [{ PUBLIC_URL: 'https://e.kommun.se/path' }, /PUBLIC_URL must be an origin/],
      [{ ALLOWED_ORIGINS: 'https://www.kommun.se/' }, /ALLOWED_ORIGINS: "https:\/\/www.kommun.se\/" is not an origin/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
      [{ MAX_UPLOAD_BYTES: '-1' }, /MAX_UPLOAD_BYTES must be a whole number/],
    ] as const) {
      assert.throws(() => configFromEnv(env), message);
    }
  });
});

describe('the tenants file', () => {
  const write = (content: unknown) => {
    const file = join(temporaryFolder('tenants'), 'tenants.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return configFromEnv({ TENANTS_FILE: file });
  };

  test('reads tenants with their paths, origins, services, definitions folder and branding', () => {
    const [root, ostra] = loadTenantConfigs(
      write({
        tenants: [
          { id: 'forbundet', path: '/', name: 'Kommunalförbundet' },
          { id: 'ostra', name: { sv: 'Östra kommun', en: 'Östra municipality' }, allowedOrigins: ['https://www.ostra.se'], services: ['fault-report'], definitionsDir: 'ostra', branding: { '--es-color-primary': '#00543c' } },
        ],
      }),
    );
    assert.equal(root!.basePath, '');
    assert.deepEqual(root!.name, { sv: 'Kommunalförbundet', en: 'Kommunalförbundet' });
    assert.equal(ostra!.basePath, '/ostra');
    assert.deepEqual(ostra!.allowedOrigins, ['https://www.ostra.se']);
    assert.deepEqual(ostra!.builtInServices, ['fault-report']);
    assert.match(ostra!.definitionsDir!, /\/ostra$/);
    assert.deepEqual(ostra!.branding, { '--es-color-primary': '#00543c' });
  });

  test('refuses a file that would serve something other than what was meant, saying where', () => {
    for (const [content, message] of [
      ['{ not json', /cannot be read as JSON/],
      [{ tenants: [] }, /non-empty list/],
      [{ tenants: [{ id: 'Östra' }] }, /tenants\[0\]: id must be lower-case/],
      [{ tenants: [{ id: 'api' }] }, /"api" is a path the server uses itself/],
      [{ tenants: [{ id: 'ostra' }, { id: 'ostra' }] }, /used twice/],
      [{ tenants: [{ id: 'a', path: '/' }, { id: 'b', path: '/' }] }, /only one tenant can be at the root/],
      [{ tenants: [{ id: 'ostra', path: '/vastra' }] }, /path must be "\/"/],
      [{ tenants: [{ id: 'ostra', services: ['parking-permit'] }] }, /services must list built-in services/],
      [{ tenants: [{ id: 'ostra', allowedOrigins: ['*.ostra.se'] }] }, /allowedOrigins\[0\]/],
      [{ tenants: [{ id: 'ostra', branding: { color: 'red' } }] }, /not an --es-\* token name/],
      [{ tenants: [{ id: 'ostra', branding: { '--es-color-primary': 'red; } body { display: none' } }] }, /not a plain CSS value/],
      [{ tenants: [{ id: 'ostra', branding: { '--es-color-primary': 'url(https://evil.example/x)' } }] }, /not a plain CSS value/],
    ] as const) {
      assert.throws(() => loadTenantConfigs(write(content)), message, JSON.stringify(content));
    }
  });
});
