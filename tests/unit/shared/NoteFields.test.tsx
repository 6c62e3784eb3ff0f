import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DIALOG_STRINGS, type DialogKey } from '../../../components/dialog/i18n';
import {
  draftOf,
  EMPTY_NOTE,
  focusNoteField,
  type NoteDraftState,
  NoteFields,
  useNoteDraft,
} from '../../../components/shared/NoteFields';
import { format } from '../../../utils/i18n/format';
import type { Lang } from '../../../utils/i18n/lang';
import { MINUTES_MAX, NOTE_MAX, NoteInput } from '../../../utils/schema/record';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { testRoot } from '../../support/preact';

// The one note form (dialog and outbox edit): nothing chosen in advance, the form's own messages in
// its language (issue #16, item 6), and praise without impact or minutes lost (item 5).

const root = testRoot();
let state: NoteDraftState;

/** A form as the dialog has it: noValidate, our checks on submit, focus to the first invalid field. */
function Form({ lang, initial }: { lang: Lang; initial: typeof EMPTY_NOTE }) {
  const t = (key: DialogKey, values?: Record<string, string | number>) =>
    format(DIALOG_STRINGS[lang][key], values);
  state = useNoteDraft(initial, { noteMax: NOTE_MAX, minutesMax: MINUTES_MAX }, t);
  const [touched, setTouched] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (state.firstInvalid) focusNoteField(formRef.current, '', state.firstInvalid);
      }}
    >
      <NoteFields
        state={state}
        t={t}
        idPrefix=""
        noteMax={NOTE_MAX}
        categories={DEFAULT_SETTINGS.categories.map((c) => ({ id: c.id, label: c[lang] }))}
        minutesLabel={t('minutes')}
        touched={touched}
        noteRef={noteRef}
      />
      <button type="submit">save</button>
    </form>
  );
}

async function mount(lang: Lang = 'de', initial = EMPTY_NOTE) {
  await act(() => render(<Form lang={lang} initial={initial} />, root));
}
const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const alerts = () => [...root.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
async function submit() {
  await act(() => $<HTMLButtonElement>('button[type="submit"]')?.click());
}
async function input(selector: string, value: string, type: 'input' | 'change' = 'input') {
  await act(() => {
    const field = $<HTMLInputElement>(selector);
    if (!field) throw new Error(`no ${selector}`);
    field.value = value;
    field.dispatchEvent(new Event(type, { bubbles: true }));
  });
}

describe('the note fields', () => {
  it('start with no category and no impact chosen', async () => {
    await mount();
    expect($<HTMLSelectElement>('#category')?.value).toBe('');
    expect(root.querySelectorAll('input[name="impact"]:checked')).toHaveLength(0);
  });

  it.each([
    [
      'de',
      [
        'Bitte schreiben Sie eine kurze Notiz.',
        'Bitte wählen Sie die Art der Rückmeldung.',
        'Bitte wählen Sie die Auswirkung.',
      ],
    ],
    [
      'en',
      ['Please write a short note.', 'Please choose the kind of feedback.', 'Please choose the impact.'],
    ],
  ] as const)(
    'name every missing part in the form’s language (%s) and focus the first',
    async (lang, messages) => {
      await mount(lang);
      expect(alerts()).toEqual([]);
      await submit();
      expect(alerts()).toEqual(messages);
      expect(document.activeElement).toBe($('#note'));
      expect($('#note')?.getAttribute('aria-describedby')).toContain('note-error');
      expect($('#category')?.getAttribute('aria-invalid')).toBe('true');

      await input('#note', 'Die Liste lädt langsam.');
      await submit();
      expect(document.activeElement).toBe($('#category'));
      await input('#category', 'slow', 'change');
      await submit();
      expect(document.activeElement).toBe($('input[name="impact"]'));
      expect($('fieldset')?.getAttribute('aria-describedby')).toBe('impact-error');
    },
  );

  it.each([
    ['999', true],
    ['481', true],
    ['-1', true],
    ['1e2', true],
    ['2.5', true],
    ['abc', true],
    ['480', false],
    ['0', false],
    [' 15 ', false],
    ['', false],
  ])('checks minutes %j against MINUTES_MAX from the schema: invalid %s', async (minutes, invalid) => {
    await mount('de', { ...EMPTY_NOTE, note: 'x', category: 'slow', impact: 'slows', minutes });
    expect(state.minutesInvalid).toBe(invalid);
    expect(alerts()).toEqual(invalid ? [`Bitte eine ganze Zahl von 0 bis ${MINUTES_MAX} eingeben.`] : []);
    if (!invalid) expect(NoteInput.safeParse(state.input).success).toBe(true);
  });

  it('asks praise neither impact nor minutes lost, and saves it as a valid record input', async () => {
    await mount('de', { ...EMPTY_NOTE, note: 'Schön übersichtlich.', minutes: '999' });
    await input('#category', 'praise', 'change');
    expect($('fieldset')).toBeNull();
    expect($('#minutes')).toBeNull();
    expect(state.firstInvalid).toBeUndefined();
    expect(state.input).toEqual({
      note: 'Schön übersichtlich.',
      category: 'praise',
      impact: 'minor',
      duringAppointment: false,
      minutesLost: null,
    });
    expect(NoteInput.safeParse(state.input).success).toBe(true);
    // Another category asks both again.
    await input('#category', 'idea', 'change');
    expect($('fieldset legend')?.textContent).toBe('Auswirkung');
    expect($('#minutes')).not.toBeNull();
    expect(state.firstInvalid).toBe('impact');
  });

  it('leaves no native validation message on any field', async () => {
    await mount('en', { ...EMPTY_NOTE, minutes: '999' });
    await submit();
    for (const field of root.querySelectorAll<HTMLInputElement>('textarea, input, select')) {
      expect(field.validationMessage).toBe('');
    }
  });

  it('edits a stored praise without inventing its impact, and keeps a stored problem’s', () => {
    const stored = {
      note: 'n',
      category: 'praise',
      impact: 'minor',
      duringAppointment: false,
      minutesLost: null,
    } as const;
    expect(draftOf(stored).impact).toBe('');
    expect(draftOf({ ...stored, category: 'error', impact: 'blocks', minutesLost: 5 })).toMatchObject({
      impact: 'blocks',
      minutes: '5',
    });
  });
});
