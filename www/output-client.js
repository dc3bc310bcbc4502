// The page's side of output-worker.js: what needs the whole working copy written out (the
// exports, the working tables, the diff, the snapshot). The working copy's worker packs its
// copy (op 'packed', moved to the page, not copied); it is moved on to the output worker,
// which the page starts on first use and which ends once idle (idle-worker.js), so the
// on-demand module's memory goes back instead of staying with the working copy.

import { IdleWorker } from './idle-worker.js';

export class OutputClient {
  /** `client`: the WorkerClient of the working copy's worker. */
  constructor(client) {
    this.client = client;
    this.engine = new IdleWorker(new URL('./output-worker.js', import.meta.url), 'output engine');
  }

  /**
   * `op` ('export' with { format }, 'tables', 'diff' or 'snapshot') answered from the
   * working copy as it is once the requests sent before this one are done.
   */
  async request(op, args = {}) {
    const packed = await this.client.request('packed');
    return this.engine.request(op, { ...args, packed }, { transfer: [packed.buffer] });
  }
}
