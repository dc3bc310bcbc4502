// The import worker: reads files admins have (the collection, raw ConvertTo-Json,
// Export-DhcpServer XML) with the SECOND wasm module, ./pkg-import/, which the page loads
// only when an import or a check is first asked for. It holds no state besides the module
// (each request brings its files, and the working copy it reconciles), so Cancel simply
// terminates it; the working copy in worker.js is never touched from here.
//
// Protocol (import-client.js is the only sender): requests { id, op, ...args } answered by
// { id, ok, value | fault }, and { id, progress } while it reads. Ops:
//   import    { files: [{ file: File, server }] }            -> { ...importDhcp result, refused }
//   reconcile { files, packed: ws.toPacked() bytes }          -> { ...import, reconciliation }

import { plainFault } from './fault-data.js';
import { onDemandModule } from './on-demand.js';
import { serveOps, movedBytes } from './serve-ops.js';


/** Reads each File's bytes, telling the page "reading file k of n". */
async function readInputs(id, files) {
  const inputs = [];
  for (const [k, { file, server }] of files.entries()) {
    postMessage({ id, progress: { phase: 'reading', done: k, total: files.length, name: file.name, bytes: file.size } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const given = typeof server === 'string' && server.trim() !== '' ? server.trim() : null;
    inputs.push({ name: file.name, bytes, server: given });
  }
  return inputs;
}

/**
 * importDhcp over every file at once. The core refuses the whole import at the first file
 * it cannot read; then each file is read alone, so the page can say of every file whether
 * it was recognised or why it was refused (several bad files are all reported at once).
 */
function importAll(id, module, inputs) {
  postMessage({ id, progress: { phase: 'importing', done: inputs.length, total: inputs.length } });
  try {
    // The tables as UTF-8 bytes: moved to the page, and from it to the main worker's
    // Workspace.fromBytes, with no JavaScript string of them made on the way.
    const result = module.importDhcp(inputs, { tablesAsBytes: true });
    return { ...result, files: result.files.map((f, index) => ({ ...f, index })), refused: [], known: result.servers.map((s) => s.name) };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'IpamFault' && error.code === 'INVALID_IMPORT')) throw error;
    const whole = plainFault(error);
    const files = [];
    const refused = [];
    const known = new Set(); // servers the readable files name, to prefill the others' server fields
    for (const [k, input] of inputs.entries()) {
      postMessage({ id, progress: { phase: 'checking', done: k, total: inputs.length, name: input.name } });
      try {
        const alone = module.importDhcp([input], { tablesAsBytes: true });
        files.push({ ...alone.files[0], name: input.name, index: k });
        for (const server of alone.servers) known.add(server.name);
      } catch (fault) {
        refused.push({ name: input.name, index: k, fault: plainFault(fault) });
      }
    }
    // Should the core ever refuse the set and no file alone, the set's fault still shows.
    if (refused.length === 0) refused.push({ name: null, index: null, fault: whole });
    return { files, refused, known: [...known], servers: [], findings: [], tablesBytes: null, overview: null, fault: whole };
  }
}

async function runImport({ id, files }) {
  const module = await onDemandModule();
  const inputs = await readInputs(id, files);
  return importAll(id, module, inputs);
}

/** Imports the fresh collection, then reconciles the page's working copy against it. */
async function runReconcile({ id, files, packed }) {
  const module = await onDemandModule();
  const inputs = await readInputs(id, files);
  const imported = importAll(id, module, inputs);
  if (imported.refused.length > 0) return { ...imported, reconciliation: null };
  postMessage({ id, progress: { phase: 'reconciling', done: inputs.length, total: inputs.length } });
  const observed = JSON.parse(new TextDecoder().decode(imported.tablesBytes));
  const copy = module.Workspace.fromPacked(packed);
  try {
    return { ...imported, reconciliation: copy.reconcile(observed) };
  } finally {
    copy.free();
  }
}

// The tables' bytes (fresh from wasm, a buffer of their own) are moved to the page.
serveOps({ import: runImport, reconcile: runReconcile }, { transfer: (value) => movedBytes(value?.tablesBytes) });
