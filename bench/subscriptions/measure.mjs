// Subscribes through the graphql-ws client (graphql-transport-ws) on two replicas, creates posts through one of
// them over HTTP, and checks that every post reaches both subscribers: same replica and across replicas (fan-out
// through PostgreSQL LISTEN/NOTIFY). Prints the end-to-end delivery latency (mutation sent -> event received).
//
// Usage: node measure.mjs <replica A base URL> <replica B base URL> <admin email> <password> [events]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [urlA, urlB, email, password, countArg] = process.argv.slice(2);
const events = Number(countArg ?? 300);

async function graphql(base, query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function subscribe(base, token, authorId, onTitle) {
  const client = createClient({
    url: base.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
  });
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query: 'subscription($a: ID) { postCreated(authorId: $a) { title author { id } } }', variables: { a: authorId } },
      { next: (result) => result.errors ? reject(new Error(JSON.stringify(result.errors))) : onTitle(result.data.postCreated.title),
        error: reject, complete: () => {} });
    // The server has registered the subscription once a query on the same connection has answered.
    client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: reject, complete: () => resolve(client) });
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const login = await graphql(urlA, 'mutation($i: LoginInput!) { login(input: $i) { token user { id } } }',
  { i: { email, password } });
const token = login.login.token;
const me = login.login.user.id;
const run = `run-${Date.now()}`;
const sent = new Map();
const latency = { same: [], cross: [] };
const pending = { same: new Set(), cross: new Set() };
let finish;
const done = new Promise((resolve) => { finish = resolve; });
function received(kind) {
  return (title) => {
    if (!title.startsWith(run)) return;
    latency[kind].push(performance.now() - sent.get(title));
    pending[kind].delete(title);
    if (pending.same.size === 0 && pending.cross.size === 0 && sent.size === events) finish();
  };
}
const same = await subscribe(urlA, token, me, received('same'));
const cross = await subscribe(urlB, token, me, received('cross'));

for (let i = 0; i < events; i++) {
  const title = `${run} ${i}`;
  pending.same.add(title);
  pending.cross.add(title);
  sent.set(title, performance.now());
  await graphql(urlA, 'mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }',
    { i: { title, body: 'subscription latency probe' } }, token);
}
const timeout = setTimeout(() => {
  console.error(`FAIL: missing events: same replica ${pending.same.size}, across replicas ${pending.cross.size}`);
  process.exit(1);
}, 30000);
await done;
clearTimeout(timeout);
same.dispose();
cross.dispose();

for (const kind of ['same', 'cross']) {
  const sorted = latency[kind].sort((a, b) => a - b);
  const label = kind === 'same' ? 'same replica  ' : 'across replicas';
  console.log(`${label}: ${sorted.length}/${events} events, median ${percentile(sorted, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
}
