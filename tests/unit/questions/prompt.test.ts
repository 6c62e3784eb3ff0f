import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROMPT_LOG,
  forgetEnded,
  mayPrompt,
  neverPrompt,
  notePrompt,
  type PromptLog,
} from '../../../utils/questions/prompt';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const CAPS = { perDay: 1, perWeek: 3 };

function shown(...agoMs: number[]): PromptLog {
  return agoMs.reduce((log, ago, i) => notePrompt(log, `q${i}`, NOW - ago), EMPTY_PROMPT_LOG);
}

describe('mayPrompt', () => {
  it('prompts for a new question when nothing was shown', () => {
    expect(mayPrompt(EMPTY_PROMPT_LOG, 'a', NOW, CAPS)).toBe(true);
  });

  it('never twice for the same question, even days later', () => {
    const log = notePrompt(EMPTY_PROMPT_LOG, 'a', NOW - 30 * DAY);
    expect(mayPrompt(log, 'a', NOW, { perDay: 10, perWeek: 10 })).toBe(false);
    expect(mayPrompt(log, 'b', NOW, { perDay: 10, perWeek: 10 })).toBe(true);
  });

  it('never after "Nicht mehr fragen"', () => {
    expect(mayPrompt(neverPrompt(EMPTY_PROMPT_LOG, 'a'), 'a', NOW, CAPS)).toBe(false);
  });

  it.each([
    ['one shown 23 hours ago, cap 1 a day', shown(23 * HOUR), CAPS, false],
    ['one shown 25 hours ago, cap 1 a day', shown(25 * HOUR), CAPS, true],
    ['three this week, cap 3 a week', shown(2 * DAY, 3 * DAY, 4 * DAY), CAPS, false],
    ['three, the oldest eight days ago', shown(2 * DAY, 3 * DAY, 8 * DAY), CAPS, true],
    ['two today, cap 2 a day', shown(HOUR, 2 * HOUR), { perDay: 2, perWeek: 10 }, false],
    ['cap 0 a day: never', EMPTY_PROMPT_LOG, { perDay: 0, perWeek: 10 }, false],
    ['cap 0 a week: never', EMPTY_PROMPT_LOG, { perDay: 5, perWeek: 0 }, false],
  ])('%s → %s', (_name, log, caps, expected) => {
    expect(mayPrompt(log, 'new', NOW, caps)).toBe(expected);
  });
});

describe('the prompt log', () => {
  it('drops times older than a week and questions no longer delivered', () => {
    const log = notePrompt(shown(8 * DAY, DAY), 'x', NOW);
    expect(log.shownAt).toEqual([NOW - DAY, NOW]);
    const kept = forgetEnded(neverPrompt(log, 'q0'), new Set(['x']));
    expect(kept).toEqual({ prompted: ['x'], never: [], shownAt: [NOW - DAY, NOW] });
  });
});
