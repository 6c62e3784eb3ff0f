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

  it('takes nothing from a field the person has focused meanwhile', () => {
    const { note, show } = noteInHiddenFrame();
    const other = document.createElement('input');
    document.body.append(other);
    focusWhenShown(note);
    other.focus();
    show();
    window.dispatchEvent(new Event('resize'));
    expect(document.activeElement).toBe(other);
  });

  it('stops trying when told to (the dialog closed) and after five seconds', () => {
    const first = noteInHiddenFrame();
    const stop = focusWhenShown(first.note);
    stop();
    first.show();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).not.toBe(first.note);

    let now = 0;
    const late = noteInHiddenFrame();
    focusWhenShown(late.note, () => now);
    now = 5001;
    late.show();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).not.toBe(late.note);
  });
});
