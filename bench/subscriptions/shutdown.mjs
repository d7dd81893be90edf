// Graceful shutdown as a subscriber and an HTTP client see it. Sends SIGTERM to the server, then checks, in order:
// during the shutdown delay readiness is DOWN while requests are still served and their events still pushed; then
// the subscription gets `complete` and the socket closes with 1001 (going away); then new requests and new
// WebSockets are refused. The caller checks the exit status and how long the process took to stop.
//
// Usage: node shutdown.mjs <base URL> <admin email> <password> <server pid>
import WebSocket from 'ws';

const [base, email, password, pidArg] = process.argv.slice(2);
const pid = Number(pidArg);
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(2)} s`;

async function graphql(query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

function check(condition, message) {
  if (!condition) {
    console.error(`FAIL (${at()}): ${message}`);
    process.exit(1);
  }
  console.log(`ok (${at()}): ${message}`);
}

const login = await graphql('mutation($input: LoginInput!) { login(input: $input) { token } }',
  { input: { email, password } });
const token = login.body.data.login.token;

// A subscriber, speaking graphql-transport-ws directly so every frame can be checked.
const socket = new WebSocket(base.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
const frames = [];
let waiting = null;
socket.on('message', (data) => {
  frames.push(JSON.parse(data.toString()));
  waiting?.();
});
const closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: `${reason}` })));
const frame = (predicate, what) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ${what} after 30 s; frames: ${JSON.stringify(frames)}`)), 30000);
  const look = () => {
    const found = frames.find(predicate);
    if (found) {
      clearTimeout(timer);
      waiting = null;
      resolve(found);
    }
  };
  waiting = look;
  look();
});
await new Promise((resolve) => socket.on('open', resolve));
socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
await frame((f) => f.type === 'connection_ack', 'connection_ack');
socket.send(JSON.stringify({ id: 'posts', type: 'subscribe', payload: { query: 'subscription { postCreated { title } }' } }));
// The subscription is registered once a post made now reaches it.
const before = await graphql('mutation($input: CreatePostInput!) { createPost(input: $input) { post { title } } }',
  { input: { title: 'before SIGTERM', body: 'b' } }, token);
check(before.status === 200 && !before.body.errors, 'a post is created before SIGTERM');
await frame((f) => f.type === 'next' && f.payload.data.postCreated.title === 'before SIGTERM', 'first event');

process.kill(pid, 'SIGTERM');
await new Promise((resolve) => setTimeout(resolve, 300));

const ready = await fetch(`${base}/q/health/ready`);
check(ready.status === 503, `readiness is DOWN during the shutdown delay (HTTP ${ready.status})`);
const during = await graphql('mutation($input: CreatePostInput!) { createPost(input: $input) { post { title } } }',
  { input: { title: 'during the delay', body: 'd' } }, token);
check(during.status === 200 && during.body.data.createPost.post.title === 'during the delay',
  'requests are still served during the delay');
await frame((f) => f.type === 'next' && f.payload.data.postCreated.title === 'during the delay',
  'the event of a post made during the delay');
check(true, 'its event still reaches the subscriber');

await frame((f) => f.type === 'complete' && f.id === 'posts', 'complete');
check(true, 'the subscription is completed');
const close = await closed;
check(close.code === 1001, `the socket closes with 1001 "${close.reason}"`);

let refused;
try {
  const after = await fetch(`${base}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"{ __typename }"}',
  });
  refused = after.status === 503 ? 'HTTP 503' : null;
} catch (e) {
  refused = `connection refused (${e.cause?.code ?? e.message})`;
}
check(refused !== null, `a request after that is refused: ${refused}`);
