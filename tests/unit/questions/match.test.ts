import { describe, expect, it } from 'vitest';
import { questionApplies, questionsFor } from '../../../utils/questions/match';
import { testQuestion } from '../../support/questions';

const FROM = Date.parse('2026-11-30T23:00:00.000Z');
const TO = Date.parse('2026-12-14T23:00:00.000Z');
const SCREEN = { app: 'Leistungsverfahren', routeTemplate: '/akte/:id/bescheid' };

describe('questionApplies', () => {
  it.each([
    ['its screen, within the period', SCREEN, FROM + 1000, true],
    ['the first instant of the first day', SCREEN, FROM, true],
    ['the last instant before midnight after the last day', SCREEN, TO - 1, true],
    ['midnight after the last day', SCREEN, TO, false],
    ['before the first day', SCREEN, FROM - 1, false],
    ['another screen of the application', { ...SCREEN, routeTemplate: '/akte/:id' }, FROM + 1000, false],
    ['the same screen of another application', { ...SCREEN, app: 'E-Akte' }, FROM + 1000, false],
    [
      'a route template that only starts like it',
      { ...SCREEN, routeTemplate: '/akte/:id/bescheid/neu' },
      FROM,
      false,
    ],
  ])('%s → %s', (_name, screen, now, expected) => {
    expect(questionApplies(testQuestion(), screen, now)).toBe(expected);
  });

  it('applies to every screen of its application when it names none', () => {
    const { screens: _screens, ...whole } = testQuestion();
    expect(questionApplies(whole, { ...SCREEN, routeTemplate: '/' }, FROM)).toBe(true);
    expect(questionApplies(whole, { app: 'E-Akte', routeTemplate: '/' }, FROM)).toBe(false);
  });

  it('applies on any of several screens', () => {
    const question = testQuestion({ screens: ['/a', '/akte/:id/bescheid'] });
    expect(questionApplies(question, SCREEN, FROM)).toBe(true);
    expect(questionApplies(question, { ...SCREEN, routeTemplate: '/a' }, FROM)).toBe(true);
  });
});

describe('questionsFor', () => {
  it('keeps the applying ones, earliest first day first', () => {
    const later = testQuestion({
      id: '00000000-0000-4000-8000-000000000002',
      from: '2026-12-01T23:00:00.000Z',
    });
    const earlier = testQuestion({ id: '00000000-0000-4000-8000-000000000003' });
    const elsewhere = testQuestion({ id: '00000000-0000-4000-8000-000000000001', app: 'E-Akte' });
    const now = Date.parse('2026-12-05T10:00:00.000Z');
    expect(questionsFor([later, elsewhere, earlier], SCREEN, now).map((q) => q.id)).toEqual([
      earlier.id,
      later.id,
    ]);
  });
});
