import { isUtf8 } from 'node:buffer';
import { HttpError } from './errors';
import { parseUtf8JsonFast } from './json-bytes';

/**
 * Reads and parses a JSON request body of at most `limit` bytes. Counts while streaming, so an
 * oversized upload is refused after `limit` bytes instead of being buffered whole first.
 */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError('unsupported_media_type', 'Content-Type must be application/json');
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    throw new HttpError('too_large', `request body exceeds the limit of ${limit} bytes`);
  }
  if (!request.body) throw new HttpError('bad_json', 'request body is empty');

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // The rest is drained and discarded by the Node adapter after we answer.
      await reader.cancel().catch(() => {});
      throw new HttpError('too_large', `request body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }

  const bytes = Buffer.concat(chunks, total);
  // isUtf8 + toString is about twice as fast as a fatal TextDecoder, and a batch is mostly this.
  if (!isUtf8(bytes)) throw new HttpError('bad_json', 'request body is not valid UTF-8');
  const fast = parseUtf8JsonFast(bytes);
  if (fast) return fast.value;
  // The plain route: a byte-order mark, whitespace-only or invalid JSON, and the rare cases the fast
  // route leaves alone; its messages are the ones clients and tests know.
  // A byte-order mark is legal UTF-8 but not JSON; some Windows tools write one.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new HttpError('bad_json', 'request body is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError('bad_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}
