// The graphql-http audit of the GraphQL-over-HTTP specification against a running server.
// Usage: node audit.mjs <url of /graphql> <bearer token>
// Every MUST must pass; SHOULD and MAY results are printed for information. Exits non-zero on a MUST failure.
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const results = await auditServer({
  url,
  fetchFn: (input, init = {}) => fetch(input, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` } }),
});
let failures = 0;
for (const result of results) {
  const level = result.id && result.name.startsWith('MUST') ? 'MUST' : result.name.split(' ')[0];
  if (result.status === 'ok') {
    continue;
  }
  const body = result.response ? await result.response.text().catch(() => '') : '';
  console.log(`${result.status.toUpperCase()} ${result.name}\n    ${result.reason}\n    ${body.slice(0, 300)}`);
  if (result.status === 'error' || (result.status === 'warn' && level === 'MUST')) {
    failures++;
  }
}
const ok = results.filter((r) => r.status === 'ok').length;
const warn = results.filter((r) => r.status === 'warn').length;
const error = results.filter((r) => r.status === 'error').length;
console.log(`graphql-http audit: ${ok} ok, ${warn} warnings, ${error} errors of ${results.length}`);
process.exit(failures > 0 ? 1 : 0);
