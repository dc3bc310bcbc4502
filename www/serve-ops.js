// The message loop of a worker that answers numbered requests (import-worker.js,
// output-worker.js): { id, op, ...args } is answered by { id, ok: true, value } or
// { id, ok: false, fault }, one request at a time, in the order they came.

import { plainFault } from './fault-data.js';

/** Answers requests with `ops[op](message)` (which may return a promise). */
export function serveOps(ops) {
  let queue = Promise.resolve();
  self.onmessage = (event) => {
    const message = event.data;
    queue = queue.then(async () => {
      let reply;
      try {
        const op = ops[message.op];
        if (!op) throw new Error(`unknown request ${String(message.op)}`);
        reply = { id: message.id, ok: true, value: await op(message) };
      } catch (error) {
        reply = { id: message.id, ok: false, fault: plainFault(error) };
      }
      postMessage(reply);
    });
  };
}
