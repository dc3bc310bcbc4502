// The output worker: what needs the whole copy written out (the working tables, the diff,
// the snapshot, the exports), which the page's first wasm module leaves out. The page
// starts it (output-client.js) and each request brings the working copy packed
// (worker.js's ws.toPacked(), moved here, not copied); it is read into the on-demand module
// (./pkg-import/), used and freed. The worker holds nothing else, and the page ends it once
// idle (idle-worker.js), so the module's memory goes back instead of staying in the worker
// that keeps the working copy.
//
// Ops: tables { packed } -> ws.tables(); diff { packed } -> ws.diff();
//      snapshot { packed } -> ws.toJSON(); export { packed, format } -> Blob.

import { onDemandModule } from './on-demand.js';
import { serveOps } from './serve-ops.js';

/** `use(copy)` on the packed working copy read into the on-demand module; freed after. */
async function withCopy(packed, use) {
  const { Workspace } = await onDemandModule();
  const copy = Workspace.fromPacked(packed);
  try {
    return use(copy);
  } finally {
    copy.free();
  }
}

/**
 * The working tables as JSON, or the change set: as a Blob, which reaches the page without
 * copying its megabytes on the page's thread.
 */
function exportText({ packed, format }) {
  if (format === 'tables') {
    // Written in wasm from the rows as kept, a megabyte at a time: no object per row here.
    return withCopy(packed, (copy) => {
      const pieces = [];
      copy.writeTablesText((piece) => pieces.push(piece));
      return new Blob(pieces, { type: 'application/json' });
    });
  }
  return withCopy(packed, (copy) => new Blob([copy.exportChangeSet(format)]));
}

serveOps({
  tables: ({ packed }) => withCopy(packed, (copy) => copy.tables()),
  diff: ({ packed }) => withCopy(packed, (copy) => copy.diff()),
  snapshot: ({ packed }) => withCopy(packed, (copy) => copy.toJSON()),
  export: exportText,
});
