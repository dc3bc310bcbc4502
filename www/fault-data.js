// An IpamFault (or any error) as plain data that survives postMessage: used by both
// workers (worker.js and import-worker.js) to send a fault to the page.

/** The fault's code, step, exceptionId, message, SOAP text and cause, as plain values. */
export function plainFault(error) {
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
