// JSON text of what the worker holds as JavaScript values: BigInt ids (beyond 2^53) written
// as plain numbers, digit for digit, and (for a damaged copy's download) bytes as base64.
// The main worker's only JSON writer (worker.js): tables given by the test hook, and the
// damaged copy set aside at start.

/** Bytes as base64 text (in pieces: a packed copy is megabytes). */
function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes (a packed base) as JSON writes them: { base64 }. */
const bytesAsJson = (v) => (v instanceof Uint8Array ? { base64: base64(v) } : v);

/**
 * JSON text in which BigInt ids (beyond 2^53) are written as plain numbers, digit for digit,
 * and (with `bytes`, for a damaged copy's download) bytes as { base64 }.
 */
export function jsonWithBigInts(value, indent, { bytes = false } = {}) {
  const other = bytes ? bytesAsJson : (v) => v;
  if (typeof JSON.rawJSON === 'function') {
    return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? JSON.rawJSON(v.toString()) : other(v)), indent);
  }
  const nonce = `bigint-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  const text = JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? `${nonce}:${v.toString()}` : other(v)), indent);
  return text.replace(new RegExp(`"${nonce}:(-?\\d+)"`, 'g'), '$1');
}
