// Screenshots cross the extension as base64 data URLs (what captureVisibleTab returns and what the
// record schema stores). Decoding with fetch(dataUrl) cost ~70 ms per 1280×800 capture in the
// service worker and the chunked String.fromCharCode/btoa encode allocates a string per chunk;
// Uint8Array.fromBase64/toBase64 (Chrome 140, Firefox 133) do either in a few milliseconds.

type Base64Native = {
  fromBase64?: (text: string) => Uint8Array;
};

/** The bytes behind a `data:…;base64,` URL; anything else is not a screenshot and yields undefined. */
export function dataUrlBytes(dataUrl: string): Uint8Array | undefined {
  const comma = dataUrl.indexOf(',');
  if (comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) return undefined;
  const payload = dataUrl.slice(comma + 1);
  const native = (Uint8Array as unknown as Base64Native).fromBase64;
  if (native) return native(payload);
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `bytes` as a base64 data URL of type `mime`. */
export function bytesToDataUrl(bytes: Uint8Array, mime: string): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (native) return `data:${mime};base64,${native.call(bytes)}`;
  let binary = '';
  // Chunked: spreading a whole image into one fromCharCode call overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(binary)}`;
}
