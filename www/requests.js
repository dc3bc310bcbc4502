// Numbered requests to a worker, shared by every client of one (worker-client.js for the
// working copy, idle-worker.js for the import and output workers): a
// request { ...args, op, id } ends with the worker's { id, ok: true, value } or
// { id, ok: false, fault }; { id, progress } goes to the request's onProgress on the way.

/** A request that failed in the worker: `fault` is the plain fault it sent. */
export class WorkerFault extends Error {
  constructor(fault) {
    super(fault.message);
    this.name = 'WorkerFault';
    this.fault = fault;
  }
}

export class Requests {
  constructor() {
    this.nextId = 1;
    this.pending = new Map();
  }

  /**
   * Posts `op` with `args` to `worker`; a promise with an `id` property. The buffers in
   * `transfer` are moved to the worker, not copied.
   */
  send(worker, op, args = {}, { onProgress, transfer = [] } = {}) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ ...args, op, id }, transfer);
      } catch (error) {
        this.pending.delete(id);
        reject(error);
      }
    });
    return Object.assign(promise, { id });
  }

  /** A message from the worker: progress, or the end of its request. */
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

  /** Rejects every outstanding request with `error`. */
  failAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  /** How many requests are outstanding. */
  get size() {
    return this.pending.size;
  }
}
