// The page's side of import-worker.js: the worker is started on the first import or check
// (so a page that never imports never loads the import module), requests are numbered,
// progress is routed to the request that asked, and Cancel terminates the worker, which
// holds no state: the next request starts a fresh one.

import { Requests } from './requests.js';

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
    if (!this.worker) this.start();
    return this.requests.send(this.worker, op, args, options);
  }

  /** Whether a request is outstanding. */
  get busy() {
    return this.requests.size > 0;
  }

  /** Terminates the worker; every outstanding request rejects with `error`. */
  stop(error = new ImportCancelled()) {
    this.worker?.terminate();
    this.worker = null;
    this.requests.failAll(error);
  }

  cancel() {
    this.stop(new ImportCancelled());
  }
}
