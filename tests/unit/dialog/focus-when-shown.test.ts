import { afterEach, describe, expect, it } from 'vitest';
import { focusWhenShown } from '../../../components/dialog/focus-when-shown';

/** A note field whose frame is not shown yet: it refuses focus until `show()`. */
function noteInHiddenFrame() {
  const note = document.createElement('textarea');
  document.body.append(note);
  let shown = false;
  const focus = note.focus.bind(note);
  note.focus = () => {
    if (shown) focus();
  };
  return {
    note,
    show: () => {
      shown = true;
    },
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('focusWhenShown', () => {
  it('focuses at once when the frame takes it', () => {
    const note = document.createElement('textarea');
    document.body.append(note);
    focusWhenShown(note);
    expect(document.activeElement).toBe(note);
  });

  it('gives the note the focus once the frame is shown and focused, not before', () => {
    const { note, show } = noteInHiddenFrame();
    focusWhenShown(note);
    expect(document.activeElement).not.toBe(note);
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).not.toBe(note);
    show();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).toBe(note);
  });

  it('gives it back when the body took it after all, also past the first seconds', () => {
    let now = 0;
    const note = document.createElement('textarea');
    document.body.append(note);
    focusWhenShown(note, () => now);
    expect(document.activeElement).toBe(note);
    note.blur();
    now = 60_000;
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).toBe(note);
  });

  it('takes nothing from a field the person has focused meanwhile, and stops for good', () => {
    const { note, show } = noteInHiddenFrame();
    const other = document.createElement('input');
    document.body.append(other);
    focusWhenShown(note);
    other.focus();
    show();
    window.dispatchEvent(new Event('resize'));
    expect(document.activeElement).toBe(other);
    other.blur();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).not.toBe(note);
  });

  it('stops when told (the dialog closed)', () => {
    const { note, show } = noteInHiddenFrame();
    const stop = focusWhenShown(note);
    stop();
    show();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).not.toBe(note);
  });
});
