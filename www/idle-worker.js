// A worker started on first use and ended when it has had nothing to do for IDLE_MS: the
// page's import worker (import-client.js) and its output worker (output-client.js) both hold the
// on-demand wasm module, whose memory (hundreds of megabytes after a large import, tens
// after a whole-copy export) only goes back when the worker that grew it ends.

import { Requests } from './requests.js';

/** How long a worker with nothing to do is kept, for another request soon after. */
export const IDLE_MS = 5000;

export class IdleWorker {
  /** `url`: the module worker's script; `what`: its name in a start failure ("the import engine"). */
  constructor(url, what) {
    this.url = url;
    this.what = what;
    this.worker = null;
    this.requests = new Requests();
    this.idleTimer = null;
  }

  start() {
    const worker = new Worker(this.url, { type: 'module' });
    worker.onmessage = (event) => this.requests.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      const why = event.message || 'its script could not be loaded';
      this.stop(new Error(`The ${this.what} could not start: ${why}`));
    };
    this.worker = worker;
  }

  /**
   * Sends `op` with `args`; `options.transfer` lists buffers to move rather than copy,
   * `options.onProgress` receives the worker's progress.
   */
  request(op, args, options = {}) {
    clearTimeout(this.idleTimer);
    if (!this.worker) this.start();
    const reply = this.requests.send(this.worker, op, args, options);
    const settled = () => this.stopWhenIdle();
    reply.then(settled, settled);
    return reply;
  }

  /** Once no request is outstanding: ends the worker after IDLE_MS unless one comes. */
  stopWhenIdle() {
    if (this.requests.size > 0 || !this.worker) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.requests.size === 0) this.stop(new Error(`the ${this.what} was stopped`));
    }, IDLE_MS);
  }

  /** Whether a request is outstanding. */
  get busy() {
    return this.requests.size > 0;
  }

  /** Whether the worker is running (started, not yet ended). */
  get running() {
    return this.worker !== null;
  }

  /** Terminates the worker; every outstanding request rejects with `error`. */
  stop(error) {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = null;
    this.requests.failAll(error);
  }
}
