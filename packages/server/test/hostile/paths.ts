/**
 * Category 5: path traversal in tenant names, service ids, references, survey ids, demo asset
 * names and upload file names; NUL bytes; overlong segments; broken percent-encoding.
 * Paths go out byte for byte (node:http does not normalise them); the server parses them
 * with WHATWG URL rules, so `..` and `%2e%2e` segments collapse before routing while `%2F`
 * stays inside one segment.
 */
import { filePart, multipart, type HostileCase, type Target } from './harness.js';
import { BOUNDARY, MULTIPART } from './files.js';

const notFound = { status: 404, code: 'not-found' } as const;
const noService = { status: 404, code: 'service-not-found' } as const;
const noCase = { status: 404, code: 'case-not-found' } as const;
const LEAKED = ['root:', '"name": "@eservice-kit', 'passwd', 'package.json'];

export function pathCases(target: Target): HostileCase[] {
  const { main } = target;
  const bearer = { authorization: `Bearer ${target.ostra.token}` };
  const get = (path: string, headers: Record<string, string> = {}) => () => main.get(path, headers);
  const upload = (filename: string, content: string | Uint8Array) => () => main.post('/ostra/api/uploads', multipart(BOUNDARY, [filePart('file', filename, content)]), MULTIPART);
  const withEcho = (hostile: HostileCase): HostileCase => ({ ...hostile, notEchoed: LEAKED });

  const cases: HostileCase[] = [
    // Encoded slashes stay inside one id and name nothing.
    { name: 'service id ..%2F..%2Fetc%2Fpasswd', send: get('/ostra/api/services/..%2F..%2Fetc%2Fpasswd'), ...noService },
    { name: 'validator of service ..%2F..%2Fpackage.json', send: get('/ostra/api/services/..%2F..%2F..%2Fpackage.json/validator.js'), ...noService },
    { name: 'case ..%2f..%2fdata with a secret', send: get('/ostra/api/cases/..%2f..%2fdata', bearer), ...noCase },
    { name: 'case ..%2f..%2fdata without a secret', send: get('/ostra/api/cases/..%2f..%2fdata'), status: 401, code: 'unauthorized' },
    { name: 'survey ..%2f..%2fstandard', send: () => main.json('/ostra/api/surveys/..%2f..%2fstandard/responses', { answers: { ease: 4 } }), status: 404, code: 'survey-not-found' },
    { name: 'service id %2e%2e%2f%2e%2e%2fvastra', send: () => main.json('/ostra/api/services/%2e%2e%2f%2e%2e%2fvastra/cases', {}), ...noService },
    // Dot segments collapse to paths that serve nothing.
    { name: '/ostra/../../etc/passwd', send: get('/ostra/../../etc/passwd'), ...notFound },
    { name: 'backslashes ..\\..\\..\\..\\etc\\passwd', send: get('/ostra/api/services/..\\..\\..\\..\\etc\\passwd'), ...notFound },
    { name: 'service id %2e%2e', send: get('/ostra/api/services/%2e%2e'), ...notFound },
    { name: '/ostra/demo/..%2Fpackage.json', send: get('/ostra/demo/..%2Fpackage.json'), ...notFound },
    { name: '/ostra/demo/..%2f..%2f..%2fpackage.json', send: get('/ostra/demo/..%2f..%2f..%2fpackage.json'), ...notFound },
    { name: '/ostra/demo/%2e%2e/%2e%2e/package.json', send: get('/ostra/demo/%2e%2e/%2e%2e/package.json'), ...notFound },
    { name: '/ostra/demo/....//....//package.json', send: get('/ostra/demo/....//....//package.json'), ...notFound },
    { name: '/ostra/chunks/..%2f..%2fpackage.json', send: get('/ostra/chunks/..%2f..%2fpackage.json'), ...notFound },
    { name: '/ostra/chunks/../../../../etc/passwd', send: get('/ostra/chunks/../../../../etc/passwd'), ...notFound },
    { name: '/ostra/e-tjanster/..%2f..%2fpackage.json', send: get('/ostra/e-tjanster/..%2f..%2fpackage.json'), ...notFound },
    { name: '/ostra/api/openapi.yaml%2f..%2f..%2fpackage.json', send: get('/ostra/api/openapi.yaml%2f..%2f..%2fpackage.json'), ...notFound },
    { name: 'tenant ostra%2F..%2Fvastra', send: get('/ostra%2F..%2Fvastra/api/services'), ...notFound },
    { name: 'tenant %6Fstra (encoded letter)', send: get('/%6Fstra/api/services'), ...notFound },
    { name: 'tenant OSTRA (other case)', send: get('/OSTRA/api/services'), ...notFound },
    // NUL bytes.
    { name: 'service id broken-lamp%00', send: get('/ostra/api/services/broken-lamp%00'), ...noService },
    { name: 'service id broken-lamp%00.json', send: () => main.json('/ostra/api/services/broken-lamp%00.json/cases', {}), ...noService },
    { name: 'tenant ostra%00', send: get('/ostra%00/api/services'), ...notFound },
    { name: 'reference followed by %00', send: get(`/ostra/api/cases/${target.ostra.reference}%00`, bearer), ...noCase },
    // Overlong segments and request targets.
    { name: 'service id of 3 000 characters', send: () => main.json(`/ostra/api/services/${'a'.repeat(3000)}/cases`, {}), ...noService },
    { name: 'reference of 3 000 characters', send: get(`/ostra/api/cases/${'L'.repeat(3000)}`, bearer), ...noCase },
    { name: 'request target of 5 000 characters', send: get(`/ostra/api/services/${'a'.repeat(5000)}`), ...notFound },
    { name: 'request target of 20 000 characters', send: get(`/ostra/api/services/${'a'.repeat(20_000)}`), status: 400, code: 'invalid-request', parserLevel: true },
    { name: 'absolute-form request target', send: get('http://evil.example/ostra/api/services'), ...notFound },
    { name: 'asterisk-form request target', send: () => main.request('OPTIONS', '*'), ...notFound },
    // Broken percent-encoding.
    { name: 'service id %E0%A4%A', send: get('/ostra/api/services/%E0%A4%A'), ...notFound },
    { name: 'reference %E0%A4%A', send: get('/ostra/api/cases/%E0%A4%A', bearer), ...notFound },
    { name: 'survey id %C0%AF (overlong slash)', send: () => main.json('/ostra/api/surveys/%C0%AF/responses', { answers: { ease: 4 } }), ...notFound },
    { name: 'service id %', send: () => main.json('/ostra/api/services/%/cases', {}), ...notFound },
    // Upload file names are display text: with content that is no allowed type nothing is stored.
    { name: 'upload named ../../x.jpg (HTML inside)', send: upload('../../x.jpg', '<html>x</html>'), status: 415, code: 'unsupported-media-type' },
    { name: 'upload named ..%2F..%2Fx.jpg (EXE inside)', send: upload('..%2F..%2Fx.jpg', 'MZ\x90\x00'), status: 415, code: 'unsupported-media-type' },
    { name: 'upload named C:\\Windows\\x.jpg (ZIP inside)', send: upload('C:\\Windows\\System32\\x.jpg', 'PK\x03\x04'), status: 415, code: 'unsupported-media-type' },
    { name: 'upload named /etc/passwd (text inside)', send: upload('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'), status: 415, code: 'unsupported-media-type' },
  ];
  return cases.map(withEcho);
}
