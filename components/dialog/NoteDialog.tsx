import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type BuildOptions, buildContext } from '../../utils/capture/build-context';
import { maskCounts, noteRedaction, redactNote } from '../../utils/capture/build-record';
import { chosenWords, previewText, previewTokens, toggleWord } from '../../utils/capture/mask-words';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { format } from '../../utils/i18n/format';
import type { DialogSetup } from '../../utils/messaging/protocol';
import type { CloseNotice, DialogForm } from '../../utils/messaging/protocol/capture';
import type { NoteDraftStored } from '../../utils/messaging/protocol/shared';
import { outageNote } from '../../utils/outage/words';
import { extractPageTerms } from '../../utils/redact/page-terms';
import type { AnswerValue } from '../../utils/schema/questions';
import { MINUTES_MAX, type NoteInput, type Screenshot } from '../../utils/schema/record';
import { MaskedText } from '../shared/MaskedText';
import {
  EMPTY_NOTE,
  focusNoteField,
  isPraise,
  type NoteDraft,
  NoteFields,
  useNoteDraft,
} from '../shared/NoteFields';
import { ContextPreview } from './ContextPreview';
import { type DeclaredKind, DeclareOutage } from './DeclareOutage';
import { focusWhenShown } from './focus-when-shown';
import { DIALOG_STRINGS, type DialogKey } from './i18n';
import { MaskableNote } from './MaskableNote';
import { QuestionCard } from './QuestionCard';
import { ScreenshotEditor } from './ScreenshotEditor';

/** Props of the note dialog. */
export interface NoteDialogProps {
  /** The form's settings: enough to render before the click. */
  form: DialogForm;
  /** The capture and how to redact it; arrives just after the dialog opened (then the preview shows). */
  setup?: DialogSetup;
  /** Shown to the user. A dialog prepared ahead waits hidden and takes focus only when opened. */
  open: boolean;
  buildOptions: Omit<
    BuildOptions,
    'app' | 'allowedParams' | 'redactionTerms' | 'redactionPatterns' | 'redactAllDates'
  >;
  /**
   * Whether the redactor's name and word lists have loaded (utils/redact/lexicon-browser.ts); when they
   * arrive the preview is redacted again, as the background will redact the note.
   */
  lexiconLoaded?: boolean;
  /** Resolves once the record is durably stored. */
  onSave(save: NoteSave): Promise<string>;
  /** Resolves with the masked screenshot of the visible tab. */
  onScreenshot(): Promise<Screenshot>;
  /** Closes the dialog; the page shows the notice for a moment ('saved', 'draft-kept'). */
  onClose(notice?: CloseNotice): void;
  /** Keeps what is typed as the draft of this tab and screen (entrypoints/background/drafts.ts). */
  onDraft(draft: NoteDraftStored): Promise<unknown>;
  /** Deletes the draft of this tab and screen ("Verwerfen"). */
  onDiscard(): Promise<unknown>;
  /** Hands over to the in-page element picker; the setup comes back with `capture.element`. */
  onPick(): void;
  onClearElement(): void;
  /** Stores the answer to an officer's question shown for this screen (issue #18). */
  onAnswer(questionId: string, input: { value: AnswerValue; note?: string }): Promise<unknown>;
}

/** What the dialog hands over to be stored: the record:save request without its capture id. */
export interface NoteSave {
  input: NoteInput;
  withElement: boolean;
  screenshot: Screenshot | undefined;
  /** Words the person chose to mask in the preview; the background masks them as the preview did. */
  maskWords: string[];
  /** "Das ist eine Störung": the note reports an outage of this kind (issue #17). */
  outage?: { kind: DeclaredKind };
}

/** How long typing pauses before the draft is kept: one message per pause, not per keystroke. */
const DRAFT_DELAY_MS = 300;

/** A hand mask; a placeholder the redaction leaves alone. */
const MANUAL_MASK = '[WERT]';

type State =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; code: ErrorCode };

/** The note form: note, category, impact, appointment, minutes; preview of what is stored; save. */
/** The draft as the background keeps it: what is not chosen yet is absent, not ''. */
function storedDraft(draft: NoteDraft): NoteDraftStored {
  return {
    note: draft.note,
    ...(draft.category ? { category: draft.category } : {}),
    ...(draft.impact ? { impact: draft.impact } : {}),
    duringAppointment: draft.duringAppointment,
    minutes: draft.minutes,
  };
}

export function NoteDialog({
  form,
  setup,
  open,
  buildOptions,
  lexiconLoaded,
  onSave,
  onScreenshot,
  onClose,
  onDraft,
  onDiscard,
  onPick,
  onClearElement,
  onAnswer,
}: NoteDialogProps) {
  const strings = DIALOG_STRINGS[form.lang];
  const noteMax = form.noteMax;
  const t = (key: DialogKey, values?: Record<string, string | number>) => format(strings[key], values);
  // Nothing chosen for the person: a default category and impact were kept unchanged by most, so
  // praise was filed as an error that holds them up (issue #16, item 5).
  const draft = useNoteDraft(EMPTY_NOTE, { noteMax, minutesMax: MINUTES_MAX }, t);
  const { note, category } = draft.draft;
  const [state, setState] = useState<State>({ kind: 'editing' });
  const [touched, setTouched] = useState(false);
  const [shot, setShot] = useState<Screenshot | undefined>();
  const [shooting, setShooting] = useState(false);
  const [outageKind, setOutageKind] = useState<DeclaredKind>('unresponsive');
  // Lower-cased (wordKey): the background masks a chosen word in any case, so the preview does too.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  // The draft is kept after a pause in typing and before the dialog closes; once saved, never again.
  const [draftBack, setDraftBack] = useState(false);
  const restored = useRef(false);
  const edited = useRef(false);
  const latest = useRef(draft.draft);
  latest.current = draft.draft;
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<Promise<boolean>>(Promise.resolve(true));
  const done = useRef(false);
  const keepDraft = () => {
    clearTimeout(pending.current);
    pending.current = undefined;
    if (done.current) return inflight.current;
    const put = inflight.current
      .then(() => onDraft(storedDraft(latest.current)))
      .then(
        () => true,
        () => false,
      );
    inflight.current = put;
    return put;
  };
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const rootRef = useRef<HTMLFormElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  // The preview runs the functions that build the stored record (utils/capture/build-record.ts):
  // the context once per capture, the note on every keystroke.
  const options = useMemo<BuildOptions | undefined>(
    () =>
      setup && {
        ...buildOptions,
        app: setup.app,
        allowedParams: setup.allowedParams,
        redactionTerms: setup.redactionTerms,
        redactionPatterns: setup.redactionPatterns,
        redactAllDates: setup.redactAllDates,
      },
    [setup],
  );
  const built = useMemo(
    () => setup && options && buildContext(setup.capture, options, Boolean(setup.capture.element)),
    [setup, options],
  );
  const redactOptions = useMemo(
    () => setup && options && noteRedaction(extractPageTerms(setup.capture.pageTexts), options),
    [setup, options],
  );
  // What the redactor alone makes of the note: its words are what the person may mask further.
  // `lexiconLoaded` is a dependency though unused: a newly loaded lexicon changes the result.
  const redactedNote = useMemo(
    () => redactOptions && redactNote(note, redactOptions),
    [note, redactOptions, lexiconLoaded],
  );
  const tokens = useMemo(() => redactedNote && previewTokens(redactedNote, chosen), [redactedNote, chosen]);
  const maskWords = useMemo(() => (tokens ? chosenWords(tokens) : []), [tokens]);
  // Exactly what the background will store (utils/capture/build-record.ts).
  // `lexiconLoaded` is a dependency though unused: a newly loaded lexicon changes the result.
  const storedNote = useMemo(
    () => redactOptions && redactNote(note, redactOptions, maskWords),
    [note, redactOptions, maskWords, lexiconLoaded],
  );
  // The word buttons show the chosen words as [NAME]; should that ever differ from what the redactor
  // makes of them, the preview shows the stored text itself (without buttons) rather than a guess.
  const tokensMatch = tokens && storedNote ? previewText(tokens) === storedNote.text : false;
  const suspectCount = tokens?.filter((t) => t.kind === 'word' && t.suspect && !t.chosen).length ?? 0;
  const maskCount =
    built && storedNote
      ? Object.values(maskCounts(built.counts, storedNote.counts)).reduce((a, b) => a + b, 0)
      : 0;

  // The draft left on this screen comes back once, unless something was typed before it arrived.
  useEffect(() => {
    if (restored.current || !setup) return;
    restored.current = true;
    const stored = setup.draft;
    if (!stored || latest.current.note.trim() !== '') return;
    const back: Partial<NoteDraft> = { note: stored.note };
    if (stored.category && form.categories.some((c) => c.id === stored.category))
      back.category = stored.category;
    if (stored.impact) back.impact = stored.impact;
    if (stored.duringAppointment !== undefined) back.duringAppointment = stored.duringAppointment;
    if (stored.minutes !== undefined) back.minutes = stored.minutes;
    draft.update(back);
    setDraftBack(true);
  }, [setup]);
  useEffect(() => {
    if (!edited.current) {
      edited.current = true;
      return;
    }
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void keepDraft(), DRAFT_DELAY_MS);
  }, [draft.draft]);
  useEffect(() => () => clearTimeout(pending.current), []);

  /** Esc and "Schließen": what is typed stays as the draft, and the page says so. */
  const close = async () => {
    if (latest.current.note.trim() === '') {
      onClose();
      return;
    }
    // Said only when it is true (a dialog whose capture expired cannot keep one).
    onClose((await keepDraft()) ? 'draft-kept' : undefined);
  };
  const discard = async () => {
    clearTimeout(pending.current);
    done.current = true;
    await inflight.current;
    await onDiscard().catch(() => undefined);
    onClose();
  };

  // Focus in the same task as the opening render, not a frame later: the click → ready budget is 100 ms.
  // A frame not yet shown refuses it; then it is given as soon as the frame is (focus-when-shown.ts).
  useLayoutEffect(() => {
    const note = noteRef.current;
    if (open && note) return focusWhenShown(note);
  }, [open]);
  useEffect(() => {
    if (state.kind === 'saved') closeRef.current?.focus();
  }, [state.kind]);
  // Ends a pending return from the element picker when the dialog goes.
  const pickReturn = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => pickReturn.current?.abort(), []);

  const save = async (outage?: DeclaredKind) => {
    if (state.kind === 'saving' || state.kind === 'saved') return;
    // An outage needs no note (one is generated) and blocks the work by definition; a note too long or
    // minutes out of range still stop it.
    const invalid = outage
      ? note.trim() !== '' && draft.noteError
        ? 'note'
        : draft.minutesInvalid
          ? 'minutes'
          : undefined
      : draft.firstInvalid;
    // An outage without a note must not show "please write a note" while it is stored.
    if (!outage || invalid) setTouched(true);
    if (invalid) {
      // Our own message, announced at the field (the form is noValidate: no browser bubble in its language).
      focusNoteField(rootRef.current, '', invalid);
      return;
    }
    const input: NoteInput = outage
      ? {
          ...draft.input,
          note:
            note.trim() === ''
              ? outageNote(setup?.app ?? '', outage, undefined, form.lang)
              : draft.input.note,
          category: 'error',
          impact: 'blocks',
        }
      : draft.input;
    setState({ kind: 'saving' });
    // A draft on its way must not land after the save has deleted it.
    clearTimeout(pending.current);
    done.current = true;
    await inflight.current;
    try {
      await onSave({
        input,
        withElement: Boolean(setup?.capture.element),
        screenshot: shot,
        maskWords,
        ...(outage ? { outage: { kind: outage } } : {}),
      });
      setState({ kind: 'saved' });
      // The page confirms for a moment; the dialog gets out of the way (issue #16, item 3).
      onClose('saved');
    } catch (error) {
      done.current = false;
      setState({ kind: 'error', code: toErrorCode(error) });
    }
  };

  const takeScreenshot = async () => {
    setShooting(true);
    try {
      setShot(await onScreenshot());
      if (state.kind === 'error') setState({ kind: 'editing' });
    } catch (error) {
      setState({ kind: 'error', code: toErrorCode(error) });
    } finally {
      setShooting(false);
    }
  };

  const maskSelection = () => {
    const area = noteRef.current;
    if (!area || area.selectionStart === area.selectionEnd) return;
    const next = note.slice(0, area.selectionStart) + MANUAL_MASK + note.slice(area.selectionEnd);
    draft.update({ note: next });
    area.focus();
  };

  // The picker hides this frame, which drops the focus inside it to the body; the content script
  // focuses the frame again when the person has picked (or pressed Esc). Then the note field takes
  // the focus, so typing goes on and Strg+Enter saves (issue #16, item 4).
  const pick = () => {
    pickReturn.current?.abort();
    const back = new AbortController();
    pickReturn.current = back;
    addEventListener(
      'focus',
      () => {
        back.abort();
        noteRef.current?.focus();
      },
      { signal: back.signal },
    );
    onPick();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      void close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Tab') {
      // Keep focus inside the dialog: leaving the iframe would drop the user into the host page.
      const focusable = [
        ...(rootRef.current?.querySelectorAll<HTMLElement>(
          'button:not([disabled]),input:not([disabled]),select,textarea,summary,[tabindex="0"]',
        ) ?? []),
      ];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };

  if (state.kind === 'saved') {
    return (
      <form
        class="dialog"
        ref={rootRef}
        onKeyDown={onKeyDown}
        aria-labelledby="title"
        onSubmit={(e) => e.preventDefault()}
      >
        <h1 id="title">{t('title')}</h1>
        <p role="status" class="saved" data-testid="saved">
          {t('saved')}
        </p>
        <button type="button" ref={closeRef} class="primary" onClick={() => onClose()}>
          {t('close')}
        </button>
      </form>
    );
  }

  return (
    <form
      class="dialog"
      ref={rootRef}
      aria-labelledby="title"
      noValidate
      // Prepared ahead, the form is there but not shown until the click opens the dialog.
      hidden={!open}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1 id="title">{t('title')}</h1>
      {setup?.questions.map((question) => (
        <QuestionCard
          key={question.id}
          question={question}
          lang={form.lang}
          t={t}
          onAnswer={(input) => onAnswer(question.id, input)}
        />
      ))}
      <p class="hint" id="intro">
        {t(category === '' ? 'intro' : isPraise(category) ? 'introPraise' : 'introProblem')}
      </p>
      <p class="hint draft-back" role="status" data-testid="draft-back">
        {draftBack ? t('draftRestored') : ''}
      </p>
      <NoteFields
        state={draft}
        t={t}
        idPrefix=""
        noteMax={noteMax}
        categories={form.categories}
        minutesLabel={t('minutes')}
        touched={touched}
        noteRef={noteRef}
        noteDescribedBy="intro note-hint"
        noteHint={
          <span id="note-hint" class="hint">
            {t('noteHint')}
          </span>
        }
        afterNote={
          <button type="button" class="link" onClick={maskSelection}>
            {t('maskSelection')}
          </button>
        }
      />

      {category === 'error' ? (
        <DeclareOutage
          kind={outageKind}
          onKind={setOutageKind}
          onDeclare={() => void save(outageKind)}
          disabled={state.kind === 'saving' || !setup}
          labels={{
            legend: t('outageLegend'),
            hint: t('outageHint'),
            unresponsive: t('outageUnresponsive'),
            errorMessage: t('outageErrorMessage'),
            declare: t('outageDeclare'),
          }}
        />
      ) : null}

      <div class="pick">
        <button type="button" onClick={pick}>
          {setup?.capture.element ? t('pointAgain') : t('pointAt')}
        </button>
        {setup?.capture.element ? (
          <button type="button" class="link" onClick={onClearElement}>
            {t('removeElement')}
          </button>
        ) : null}
      </div>

      {form.screenshotsAllowed && !shot ? (
        <div class="shot">
          <button
            type="button"
            onClick={() => void takeScreenshot()}
            disabled={shooting}
            aria-describedby={setup && !setup.screenshotReady ? 'shot-hint' : undefined}
          >
            {shooting ? t('takingScreenshot') : t('addScreenshot')}
          </button>
          {setup && !setup.screenshotReady ? (
            <p id="shot-hint" class="hint" data-testid="screenshot-hint">
              {t('screenshotNeedsGesture')}
            </p>
          ) : null}
        </div>
      ) : null}
      {shot ? (
        <ScreenshotEditor
          shot={shot}
          onChange={setShot}
          labels={{
            title: t('screenshotTitle'),
            hint: t('screenshotHint'),
            remove: t('removeScreenshot'),
            undo: t('undoMask'),
          }}
        />
      ) : null}

      {built && tokens && storedNote ? (
        <ContextPreview
          context={built.context}
          note={
            tokensMatch ? (
              <MaskableNote
                tokens={tokens}
                onToggle={(word) => setChosen((previous) => toggleWord(previous, word))}
                labels={{ words: t('words'), suspect: t('suspect') }}
                hintId="words-hint"
              />
            ) : (
              <MaskedText text={storedNote.text} masks={storedNote.masks} />
            )
          }
          noteHintId={tokensMatch ? 'words-hint' : undefined}
          maskCount={maskCount}
          suspectCount={suspectCount}
          t={t}
        />
      ) : null}

      {state.kind === 'error' ? (
        <p class="error" role="alert" data-testid="save-error">
          {ERROR_STRINGS[form.lang][state.code]}
        </p>
      ) : null}
      {/* Always in view, however long the form (issue #16, item 3): sticky to the frame's bottom. */}
      <div class="footer">
        <p class="hint">{t('shortcutHint')}</p>
        <div class="actions">
          {note.trim() !== '' ? (
            <button
              type="button"
              class="discard"
              aria-label={t('discardLabel')}
              onClick={() => void discard()}
            >
              {t('discard')}
            </button>
          ) : null}
          <button type="button" onClick={() => void close()}>
            {t('close')}
          </button>
          <button type="submit" class="primary" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? t('saving') : t('save')}
          </button>
        </div>
      </div>
    </form>
  );
}
