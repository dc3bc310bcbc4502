// The page's side of import-worker.js: the worker is started on the first import or check
// (so a page that never imports never loads the import module), requests are numbered,
// progress is routed to the request that asked, and Cancel terminates the worker, which
// holds no state: the next request starts a fresh one.

import { WorkerFault } from './worker-client.js';

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
    this.nextId = 1;
    this.pending = new Map();
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
    const request = this.pending.get(message.id);
    if (!request) return;
    if (message.progress) {
      request.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) request.resolve(message.value);
    else request.reject(new WorkerFault(message.fault));
  }

  /** Sends `op` with `args` (Files go as they are: a File is not copied). */
  request(op, args, { onProgress } = {}) {
    if (!this.worker) this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        this.worker.postMessage({ ...args, op, id });
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  /** Whether a request is outstanding. */
  get busy() {
    return this.pending.size > 0;
  }

  /** Terminates the worker; every outstanding request rejects with `error`. */
  stop(error = new ImportCancelled()) {
    this.worker?.terminate();
    this.worker = null;
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  cancel() {
    this.stop(new ImportCancelled());
  }
}
