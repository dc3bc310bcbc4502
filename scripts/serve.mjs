#!/usr/bin/env node
// Serves the admin page (www/) on 127.0.0.1. No dependencies: node:http only.
//
//   node scripts/serve.mjs [PORT]        (or PORT=N; default 8080; 0 = any free port)
//
// Prints "Serving the admin page at http://127.0.0.1:PORT/". The e2e tests import
// startServer() and run it in-process on port 0.

import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WWW = path.resolve(here, '..', 'www');

// Browsers refuse module scripts without a JavaScript type, and
// WebAssembly.instantiateStreaming needs application/wasm.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// What every response carries. Cross-origin isolation (COOP + COEP) lets the page share
// a SharedArrayBuffer with its worker, which is how Cancel reaches a running operation;
// the CSP allows only this origin's scripts and styles (no inline ones) and wasm.
export const CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

function securityHeaders(isolate) {
  const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (isolate) {
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['cross-origin-embedder-policy'] = 'require-corp';
    headers['cross-origin-resource-policy'] = 'same-origin';
  }
  return headers;
}

function send(res, status, text, isolate = true) {
  res.writeHead(status, { ...securityHeaders(isolate), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** Resolves a request path inside `root`, or null when it would escape it. */
function resolveInside(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.normalize(path.join(root, decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function handler(root, isolate) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', isolate);
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = resolveInside(root, url.pathname);
    if (file === null) return send(res, 403, 'forbidden\n', isolate);
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      // Revalidated on every use (a freshly built pkg is picked up at once) and answered
      // "not modified" while it is the same file, as any static server: so the browser
      // keeps its compiled code (the JavaScript and wasm code caches) across reloads.
      const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
      const headers = {
        'cache-control': 'no-cache',
        etag,
        'last-modified': info.mtime.toUTCString(),
        ...securityHeaders(isolate),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') send(res, 404, 'not found\n', isolate);
      else send(res, 500, 'cannot read the file\n', isolate);
    }
  };
}

/**
 * Starts the static server on 127.0.0.1. Resolves to { server, port, url, close() }.
 * `port` 0 picks any free port. `isolate: false` leaves out COOP and COEP (the page then
 * has no SharedArrayBuffer and Cancel falls back to restarting the engine).
 */
export function startServer({ root = WWW, port = 8080, isolate = true } = {}) {
  const absRoot = path.resolve(root);
  const server = http.createServer(handler(absRoot, isolate));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

function portFrom(text) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: "${text}" is not a port number (0 to 65535)`);
    process.exit(2);
  }
  return port;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const arg = process.argv[2] ?? process.env.PORT ?? '8080';
  const port = portFrom(arg);
  try {
    await stat(path.join(WWW, 'pkg', 'ipam_failover.js'));
  } catch {
    console.error('warning: www/pkg/ipam_failover.js is missing; run "bash scripts/build.sh" first.');
  }
  try {
    const { url } = await startServer({ port });
    console.log(`Serving the admin page at ${url}`);
  } catch (error) {
    console.error(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  }
}
