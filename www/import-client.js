// The page's side of import-worker.js: the worker is started on the first import or check
// (so a page that never imports never loads the import module), requests are numbered,
// progress is routed to the request that asked, and Cancel terminates the worker, which
// holds no state: the next request starts a fresh one. So does an idle worker after
// IDLE_MS: reading a large collection grows its wasm memory by hundreds of megabytes
// (about 620 MB for a 95 MB collection of 100,000 scopes), which only ending it gives back.

import { Requests } from './requests.js';

/** How long an import worker with nothing to do is kept, for another import soon after. */
export const IDLE_MS = 5000;

/** What a request rejects with when Cancel stopped it. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled');
    this.name = 'ImportCancelled';
  }
}

export class ImportClient {
  constructor() {
    this.worker = null;
    this.requests = new Requests();
    this.idleTimer = null;
  }

  start() {
    const worker = new Worker(new URL('./import-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      const why = event.message || 'the import worker could not be loaded';
      this.stop(new Error(`The import engine could not start: ${why}`));
    };
    this.worker = worker;
  }

  receive(message) {
    this.requests.receive(message);
  }

  /** Sends `op` with `args` (Files go as they are: a File is not copied). */
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
      if (this.requests.size === 0) this.stop();
    }, IDLE_MS);
  }

  /** Whether a request is outstanding. */
  get busy() {
    return this.requests.size > 0;
  }

  /** Terminates the worker; every outstanding request rejects with `error`. */
  stop(error = new ImportCancelled()) {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = null;
    this.requests.failAll(error);
  }

  cancel() {
    this.stop(new ImportCancelled());
  }
}
