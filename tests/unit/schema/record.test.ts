import { describe, expect, it } from 'vitest';
import { FeedbackRecord, NoteInput } from '../../../utils/schema/record';
import { EndpointUrl } from '../../../utils/schema/settings';
import { makeRecord } from '../../support/records';

describe('FeedbackRecord', () => {
  it('accepts a complete record', () => {
    expect(FeedbackRecord.safeParse(makeRecord()).success).toBe(true);
  });

  it('accepts a version 1 record (extensions before answer secrets) and drops a secret it should not have', () => {
    const parsed = FeedbackRecord.parse({ ...makeRecord(), schemaVersion: 1 });
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed).not.toHaveProperty('answerSecret');
  });

  it.each<[string, (r: FeedbackRecord) => unknown]>([
    ['an empty note', (r) => ({ ...r, note: '   ' })],
    ['a note over 2,000 characters', (r) => ({ ...r, note: 'x'.repeat(2001) })],
    ['an unknown schema version', (r) => ({ ...r, schemaVersion: 3 })],
    ['a version 2 record without its answer secret', (r) => ({ ...r, answerSecret: undefined })],
    ['an answer secret that is not 128+ bits of hex', (r) => ({ ...r, answerSecret: 'geheim' })],
    ['an id that is not a UUID', (r) => ({ ...r, id: 'abc' })],
    ['a timestamp without UTC offset', (r) => ({ ...r, createdAt: '2026-11-25T11:02:03' })],
    ['an unknown impact', (r) => ({ ...r, impact: 'huge' })],
    ['negative minutes', (r) => ({ ...r, minutesLost: -1 })],
    ['more than a working day of minutes', (r) => ({ ...r, minutesLost: 481 })],
    ['a category id with spaces', (r) => ({ ...r, category: 'too slow' })],
    ['a reporter unit without a label', (r) => ({ ...r, reporter: { mode: 'unit' } })],
    [
      'a pseudonym that is not hex',
      (r) => ({ ...r, reporter: { mode: 'pseudonym', pseudonym: 'Max Mustermann' } }),
    ],
    [
      'a screenshot that is not an image data URL',
      (r) => ({ ...r, screenshot: { dataUrl: 'javascript:alert(1)', width: 1, height: 1, maskCount: 0 } }),
    ],
    ['a context without app', (r) => ({ ...r, context: { ...r.context, app: undefined } })],
  ])('refuses %s', (_name, mutate) => {
    expect(FeedbackRecord.safeParse(mutate(makeRecord())).success).toBe(false);
  });
});

describe('NoteInput', () => {
  it.each([
    [
      {
        note: 'Maske lädt langsam',
        category: 'slow',
        impact: 'slows',
        duringAppointment: false,
        minutesLost: null,
      },
      true,
    ],
    [{ note: '', category: 'slow', impact: 'slows', duringAppointment: false, minutesLost: null }, false],
    [{ note: 'x', category: 'slow', impact: 'slows', duringAppointment: 'yes', minutesLost: null }, false],
    [{ note: 'x', category: 'slow', impact: 'slows', duringAppointment: false, minutesLost: 2.5 }, false],
  ])('%o → valid: %s', (input, valid) => {
    expect(NoteInput.safeParse(input).success).toBe(valid);
  });
});

describe('EndpointUrl', () => {
  it.each([
    ['https://feedback.jobcenter.example/api/v1/feedback', true],
    ['http://127.0.0.1:8787/api/v1/feedback', true],
    ['http://localhost:8787/api/v1/feedback', true],
    ['http://feedback.jobcenter.example/api', false],
    ['ftp://example.org/', false],
    ['https://user:secret@example.org/', false],
    ['not a url', false],
  ])('%s → %s', (url, valid) => {
    expect(EndpointUrl.safeParse(url).success).toBe(valid);
  });
});
