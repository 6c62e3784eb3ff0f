import { describe, expect, it } from 'vitest';
import { expectKept, masked } from './masked';

describe('dates of birth in a sentence about someone’s age', () => {
  it('masks a recent date after "das Alter von …", in any case', () => {
    expect(masked('das alter von nurlanovna (5. jun. 2021) wird falsch berechnet.')).toBe(
      'das alter von [NAME] ([GEBURTSDATUM]) wird falsch berechnet.',
    );
  });

  it('keeps a date after "alter" the adjective', () => {
    expectKept(['ein alter Fehler, zuletzt am 03.11.2025 gesehen', 'ein alter Bescheid vom 01.02.2020']);
  });
});

describe('time stamps in a note (issue #16, item 10)', () => {
  it('keeps ISO 8601 time stamps whole: no file reference in the seconds, no birth date', () => {
    expectKept([
      'Fehler seit 2026-09-21T08:12:19.123Z, danach hängt die Suche.',
      'Log: 2026-09-21T08:12:19+02:00 ERROR Zeitüberschreitung',
      'Um 2026-09-21 08:12:19,123 kam der Fehler 500.',
    ]);
  });
});
