import { describe, expect, it } from 'vitest';
import { expectKept, masked } from './masked';

// The UI speaks English too, and some notes are written in English: the German lists know none of its
// words, and the scraped name list holds many of them ("the", "very", "has").
describe('notes written in English', () => {
  it('keep their words', () => {
    expectKept([
      'The search does not find the file when the name has a hyphen.',
      'Saving takes two minutes, the client is waiting.',
      'The document list loads very slowly since the update.',
    ]);
  });

  it('lose their names, after an English cue or without one', () => {
    expect(masked('The list loads slowly while Ms Petra Kowalczyk waits.')).toBe(
      'The list loads slowly while Ms [NAME] [NAME] waits.',
    );
    expect(masked('Mr Hassan Yilmaz called twice, his appointment is missing.')).toBe(
      'Mr [NAME] [NAME] called twice, his appointment is missing.',
    );
  });

  it('leave German surnames that are English words masked after a German cue', () => {
    expect(masked('Rückruf an Frau Long klappt nicht.')).toBe('Rückruf an Frau [NAME] klappt nicht.');
  });
});
