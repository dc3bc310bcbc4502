// An IpamFault (or any error) as plain data that survives postMessage: used by every
// worker (worker.js, import-worker.js, output-worker.js) to send a fault on.

/**
 * The fault's code, step, exceptionId, message, SOAP text and cause, as plain values. A
 * fault another worker sent (a WorkerFault, see requests.js) is passed on as it came.
 */
export function plainFault(error) {
  if (error instanceof Error && error.name === 'WorkerFault' && error.fault) return error.fault;
  const isFault = error instanceof Error && error.name === 'IpamFault';
  let cause = null;
  if (error && error.cause !== undefined) cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  return {
    isFault,
    name: error instanceof Error ? error.name : 'Error',
    code: isFault ? error.code : null,
    step: isFault ? error.step ?? null : null,
    exceptionId: isFault ? error.exceptionId ?? null : null,
    message: error instanceof Error ? error.message : String(error),
    soap: isFault && typeof error.toSoapFault === 'function' ? error.toSoapFault() : null,
    cause,
  };
}
