// The page's side of worker.js: numbered requests, progress routed to the request that
// asked, and cancel by terminating the worker (addScopes and removeScopes are synchronous
// inside it, so it could not hear a message) and starting a fresh one, which restores the
// working copy last saved in IndexedDB when it is next asked for anything.

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export class Engine {
  /**
   * `onStatus(ready, message)` is told when a worker starts (ready null), when its wasm
   * module is ready (true) and when it cannot start (false).
   */
  constructor(onStatus) {
    this.onStatus = onStatus;
    this.nextId = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.onStatus(null, 'Starting the WebAssembly engine…');
    this.failure = null;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      // The worker could not load (say www/pkg was never built): fail every request
      // with a message the page can show, rather than leave them waiting forever.
      const why = event.message || 'the worker script could not be loaded';
      this.failure = new Error(`The WebAssembly engine could not start: ${why}`);
      this.onStatus(false, `${this.failure.message}. Build it with "bash scripts/build.sh".`);
      this.failAll(this.failure);
    };
    this.worker = worker;
  }

  receive(message) {
    if (message.type === 'ready') {
      this.onStatus(true, 'WebAssembly engine ready.');
      return;
    }
    const request = this.pending.get(message.id);
    if (!request) return;
    if (message.type === 'progress') {
      request.onProgress?.(message);
      return;
    }
    this.pending.delete(message.id);
    request.resolve(message);
  }

  /** Sends { type, ...payload }; resolves with the final reply (see worker.js), 'fault' included. */
  request(message, onProgress) {
    const id = this.nextId++;
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        // The structured clone made here is the worker's copy: the page's tables stay put.
        this.worker.postMessage({ ...message, id });
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  failAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  /** Stops whatever is running; every pending request rejects with CancelledError. */
  cancel() {
    this.worker.terminate();
    this.failAll(new CancelledError());
    this.start();
  }
}
