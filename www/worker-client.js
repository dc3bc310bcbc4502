// The page's side of worker.js, and the only code that calls postMessage: numbered
// requests { id, op, ...args } answered by { id, ok, value | fault }, progress
// { id, progress } routed to the request that asked, and Cancel.
//
// Cancel: when the page is cross-origin isolated, a SharedArrayBuffer shared with the
// worker at start carries the id of the request to stop; the worker's progress callback
// reads it and the core ends the run with a CANCELLED fault, the copy unchanged, and the
// worker keeps its working copy. Without isolation the worker is terminated and a fresh
// one started, which restores the copy from IndexedDB (`cancellable` is false then, and
// the page says so).

import { takeEarlyWorker } from './boot.js';
import { Requests, WorkerFault } from './requests.js';

export { WorkerFault };

/** What a request rejects with when the engine was restarted under it (fallback Cancel). */
export class EngineRestarted extends Error {
  constructor() {
    super('the engine was restarted');
    this.name = 'EngineRestarted';
  }
}

export class WorkerClient {
  /** `onStatus(state, message)`: 'starting', 'ready' or 'failed', with a sentence to show. */
  constructor(onStatus) {
    this.onStatus = onStatus;
    this.requests = new Requests();
    this.flag = null;
    if (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function') {
      this.flag = new Int32Array(new SharedArrayBuffer(4));
    }
    this.cancellable = this.flag !== null;
    this.start();
  }

  start() {
    this.onStatus('starting', 'Starting the WebAssembly engine…');
    this.failure = null;
    // The first start takes the worker boot.js started with the page (a restart after
    // Cancel makes a fresh one).
    const early = takeEarlyWorker();
    const worker = early?.worker ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // The worker could not load (www/pkg never built, say): fail every request with a
      // message the page can show, rather than leave them waiting forever.
      event.preventDefault?.();
      const why = event.message || 'the worker script could not be loaded';
      this.failure = new Error(`The WebAssembly engine could not start: ${why}`);
      this.onStatus('failed', `${this.failure.message}. Build it with "bash scripts/build.sh".`);
      this.failAll(this.failure);
    };
    this.worker = worker;
    const earlyError = early?.error;
    this.ready = this.request('init', { flag: this.flag?.buffer ?? null }).then(() => {
      this.onStatus('ready', 'WebAssembly engine ready.');
    }, (error) => {
      if (!this.failure) this.onStatus('failed', `The WebAssembly engine could not start: ${error.message}`);
    });
    for (const message of early?.messages ?? []) this.receive(message);
    if (earlyError) worker.onerror(earlyError);
  }

  receive(message) {
    this.requests.receive(message);
  }

  /**
   * Sends `op` with `args`; resolves with the value or rejects with a WorkerFault.
   * `onProgress(progress)` hears progress. Returns a promise with an `id` property.
   */
  request(op, args = {}, options = {}) {
    if (this.failure) return Object.assign(Promise.reject(this.failure), { id: this.requests.nextId++ });
    return this.requests.send(this.worker, op, args, options);
  }

  failAll(error) {
    this.requests.failAll(error);
  }

  /**
   * Stops request `id`. Isolated: flags it, and its promise settles as the worker answers
   * (a CANCELLED fault, or the result if it had already finished). Otherwise: terminates
   * the worker (pending requests reject with EngineRestarted) and starts a fresh one.
   */
  cancel(id) {
    if (this.flag) {
      Atomics.store(this.flag, 0, id);
      return;
    }
    this.worker.terminate();
    this.failAll(new EngineRestarted());
    this.start();
  }
}
