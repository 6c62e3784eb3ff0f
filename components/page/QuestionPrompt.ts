import { sendFromPage as send } from '../../utils/messaging/client';
import type { QuestionPrompt as Words } from '../../utils/messaging/protocol/questions';
import { PROMPT_CSS } from './QuestionPrompt.css';

/** Props of the on-screen prompt for an officer's question. */
export interface QuestionPromptProps {
  /** Our shadow root's container, beside the button. */
  container: HTMLElement;
  /** The question and every word in the caseworker's language, from the background. */
  words: Words;
  /** "Beantworten": open the note dialog, where the question waits. */
  onAnswer(): void;
  signal: AbortSignal;
}

let promptSheet: CSSStyleSheet | undefined;

/**
 * A small box above the button offering an open question (issue #18, policy `questionPrompt`). It
 * never takes the focus — a caseworker typing in the application goes on typing — and is no modal: it
 * is reached by Tab after the button, and Esc there means "Später". Each button removes it.
 */
export function QuestionPrompt(props: QuestionPromptProps): void {
  const { container, words, signal } = props;
  // Never while a form field has focus: the person is typing. (Counted against the caps all the same,
  // which errs towards fewer prompts.)
  if (typing()) return;
  const root = container.getRootNode();
  if (root instanceof ShadowRoot) {
    promptSheet ??= new CSSStyleSheet();
    promptSheet.replaceSync(PROMPT_CSS);
    if (!root.adoptedStyleSheets.includes(promptSheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, promptSheet];
  }
  const box = document.createElement('section');
  box.className = 'prompt';
  box.setAttribute('aria-label', words.label);
  box.dataset.testid = 'question-prompt';
  const label = document.createElement('p');
  label.className = 'label';
  label.textContent = words.label;
  const text = document.createElement('p');
  text.textContent = words.text;
  const actions = document.createElement('div');
  actions.className = 'actions';
  const close = () => box.remove();
  const button = (name: 'answer' | 'later' | 'never', then?: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = name;
    element.textContent = words[name];
    element.addEventListener(
      'click',
      (event) => {
        // Only the person answers: the page's own `click()` is not trusted (as for the button).
        if (!event.isTrusted) return;
        close();
        then?.();
      },
      { signal },
    );
    return element;
  };
  // "Nicht mehr fragen" is told to the background, which keeps it on the device only (prompt.ts).
  const never = () =>
    void send('question:prompt-never', { questionId: words.questionId }).catch(() => undefined);
  actions.append(button('answer', props.onAnswer), button('later'), button('never', never));
  box.addEventListener('keydown', (event) => event.key === 'Escape' && close(), { signal });
  signal.addEventListener('abort', close, { once: true });
  box.append(label, text, actions);
  container.append(box);
}

/** Whether a form field (or an editable region) has the focus. */
export function typing(doc: Document = document): boolean {
  const active = doc.activeElement as HTMLElement | null;
  return !!active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
}
