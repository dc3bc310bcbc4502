// The page's side of import-worker.js: the worker is started on the first import or check
// (so a page that never imports never loads the import module), requests are numbered,
// progress is routed to the request that asked, and Cancel terminates the worker, which
// holds no state: the next request starts a fresh one. So does an idle worker after
// IDLE_MS: reading a large collection grows its wasm memory by hundreds of megabytes
// (about 2.5 times the files: 232 MiB for a 90 MiB collection of 100,000 scopes), which
// only ending it gives back.

import { IdleWorker, IDLE_MS } from './idle-worker.js';

export { IDLE_MS };

/** What a request rejects with when Cancel stopped it. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled');
    this.name = 'ImportCancelled';
  }
}

export class ImportClient {
  constructor() {
    this.engine = new IdleWorker(new URL('./import-worker.js', import.meta.url), 'import engine');
  }

  /** Sends `op` with `args` (Files go as they are: a File is not copied). */
  request(op, args, options = {}) {
    return this.engine.request(op, args, options);
  }

  /** Whether a request is outstanding. */
  get busy() {
    return this.engine.busy;
  }

  /** Terminates the worker; every outstanding request rejects with `error`. */
  stop(error = new ImportCancelled()) {
    this.engine.stop(error);
  }

  cancel() {
    this.stop(new ImportCancelled());
  }
}
