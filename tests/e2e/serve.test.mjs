// The static server (scripts/serve.mjs) as a browser meets it on a reload: every file
// revalidated (Cache-Control: no-cache) and answered 304 Not Modified while it is the same
// file, so the browser keeps its compiled code; a rebuilt file is sent again at once. The
// security headers go with every answer. (No browser needed: Node's fetch is the client.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, CSP } from '../../scripts/serve.mjs';

let root;
let server;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ipam-serve-'));
  await writeFile(path.join(root, 'app.js'), 'export const version = 1;\n');
  server = await startServer({ root, port: 0 });
});
after(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

test('a file is revalidated, answered 304 while unchanged and sent again once rebuilt', async () => {
  const url = `${server.url}app.js`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  assert.equal(await first.text(), 'export const version = 1;\n');
  const etag = first.headers.get('etag');
  assert.match(etag, /^W\/"[0-9a-z]+-[0-9a-z]+"$/);
  assert.equal(first.headers.get('cache-control'), 'no-cache');
  assert.ok(first.headers.get('last-modified'));

  const same = await fetch(url, { headers: { 'if-none-match': etag } });
  assert.equal(same.status, 304);
  assert.equal(await same.text(), '');
  assert.equal(same.headers.get('etag'), etag);
  assert.equal(same.headers.get('content-security-policy'), CSP);
  assert.equal(same.headers.get('cross-origin-embedder-policy'), 'require-corp');

  // A rebuild (another size, another time): the old tag no longer matches.
  await new Promise((r) => setTimeout(r, 20));
  await writeFile(path.join(root, 'app.js'), 'export const version = 22;\n');
  const rebuilt = await fetch(url, { headers: { 'if-none-match': etag } });
  assert.equal(rebuilt.status, 200);
  assert.equal(await rebuilt.text(), 'export const version = 22;\n');
  assert.notEqual(rebuilt.headers.get('etag'), etag);

  // Outside the root and missing files are refused as before.
  assert.equal((await fetch(`${server.url}..%2Fetc%2Fpasswd`)).status, 403);
  assert.equal((await fetch(`${server.url}missing.js`)).status, 404);
});
