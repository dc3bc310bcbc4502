// The message loop of a worker that answers numbered requests (worker.js, import-worker.js,
// output-worker.js): { id, op, ...args } is answered by { id, ok: true, value } or
// { id, ok: false, fault }, one request at a time, in the order they came.

import { plainFault } from './fault-data.js';

/**
 * Answers requests with `ops[op](message)` (which may return a promise). Options:
 * `before(message)` runs (and is awaited) before each op, and a throw from it is the reply's
 * fault; `after(message)` runs once the reply is posted; `transfer(value)` lists the buffers
 * of a successful reply's value that are moved to the caller, not copied (fresh bytes, never
 * a view of wasm memory: see `movedBytes`).
 * Returns `enqueue(task)`, which runs `task` in the same queue, after the requests before it.
 */
export function serveOps(ops, { before, after, transfer } = {}) {
  let queue = Promise.resolve();
  self.onmessage = (event) => {
    const message = event.data;
    queue = queue.then(async () => {
      let reply;
      try {
        await before?.(message);
        const op = ops[message.op];
        if (!op) throw new Error(`unknown request ${String(message.op)}`);
        reply = { id: message.id, ok: true, value: await op(message) };
      } catch (error) {
        reply = { id: message.id, ok: false, fault: plainFault(error) };
      }
      postMessage(reply, reply.ok ? transfer?.(reply.value) ?? [] : []);
      after?.(message);
    });
  };
  return (task) => {
    queue = queue.then(task);
    return queue;
  };
}

/** A `transfer` for a worker whose replies may be bytes of their own (a Uint8Array): moved. */
export const movedBytes = (value) => (value instanceof Uint8Array ? [value.buffer] : []);
