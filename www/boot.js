// Starts the engine's worker as early as the page can: index.html loads this module (it
// imports nothing) ahead of app.js, so the worker fetches its modules, compiles the wasm
// and restores the working copy from IndexedDB while the page's own modules still load.
// worker-client.js takes the worker with `takeEarlyWorker()`, and with it whatever the
// worker said or failed with before anyone listened.

let early = null;
try {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  early = { worker, messages: [], error: null };
  worker.onmessage = (event) => early?.messages.push(event.data);
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (early) early.error = event;
  };
} catch {
  early = null; // worker-client.js starts one itself, and reports what fails
}

/** The worker started here, once (null after that, or when none could be started). */
export function takeEarlyWorker() {
  const taken = early;
  early = null;
  return taken;
}
