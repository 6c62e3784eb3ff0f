import { describe, expect, it } from 'vitest';
import { bytesToDataUrl, dataUrlBytes } from '../../../utils/screenshot/base64';

// The screenshot's bytes survive the trip to a data URL and back, whichever base64 path the runtime has.
describe('screenshot data URLs', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['padding of two', 4],
    ['larger than one encoding chunk', 0x8000 * 2 + 17],
  ])('round-trip %s', (_name, length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
    const url = bytesToDataUrl(bytes, 'image/jpeg');
    expect(url).toBe(`data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`);
    expect(dataUrlBytes(url)).toEqual(bytes);
  });

  it.each([
    ['no comma', 'data:image/png;base64'],
    ['not base64', 'data:image/svg+xml,<svg/>'],
  ])('refuse a data URL with %s', (_name, url) => {
    expect(dataUrlBytes(url)).toBeUndefined();
  });
});
