import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { popupT } from '../../../components/popup/i18n';
import { QuestionAnswers } from '../../../components/popup/QuestionAnswers';
import type { Send } from '../../../utils/messaging/protocol';
import type { AnswerItem, ShownQuestion } from '../../../utils/messaging/protocol/questions';
import { testRoot } from '../../support/preact';

// Issue #18 in the popup: the questions open on the active tab open in the page's dialog; the
// caseworker's answers are listed and can be changed or withdrawn while they wait.

const root = testRoot();

const TAB = { id: 7, url: 'https://eakte.jobcenter.example/akte/4711/bescheid' };
const QUESTION: ShownQuestion = {
  id: '3e0b1a3c-8d43-4c1e-b7a5-0f6c1f0e5d71',
  text: { de: 'Klappt der neue Bescheid-Schritt für Sie?' },
  form: { kind: 'yesNo' },
  noteAllowed: false,
};
const ANSWER: AnswerItem = {
  question: QUESTION,
  status: 'pending',
  createdAt: 1,
  value: { kind: 'yesNo', value: 'cannot_say' },
  changeable: true,
};

/** A background that answers the popup's questions messages; records every call. */
function background(list: { items: AnswerItem[]; open: ShownQuestion[] }) {
  return vi.fn(async (type: string) => {
    if (type === 'answers:list') return list;
    return { ok: true };
  });
}

async function mount(send: ReturnType<typeof background>, closeWindow = vi.fn(), say = vi.fn()) {
  await act(async () => {
    render(
      <QuestionAnswers
        lang="de"
        t={popupT('de')}
        tab={TAB}
        send={send as unknown as Send}
        say={say}
        closeWindow={closeWindow}
      />,
      root,
    );
  });
  // The list arrives after the first render.
  await act(async () => undefined);
  return { closeWindow, say };
}

const button = (name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

describe('questions in the popup', () => {
  it('shows nothing when there is neither an open question nor an answer', async () => {
    const send = background({ items: [], open: [] });
    await mount(send);
    expect(send).toHaveBeenCalledWith('answers:list', { tabUrl: TAB.url });
    expect(root.innerHTML).toBe('');
  });

  it('offers the open question of the active tab, which opens in the page, and closes the popup', async () => {
    const send = background({ items: [], open: [QUESTION] });
    const { closeWindow } = await mount(send);
    expect(root.querySelector('.questions-open')?.textContent).toBe(
      '1 Frage zu diesem Bildschirm. Frage beantworten',
    );
    await act(async () => button('Frage beantworten').click());
    expect(send).toHaveBeenCalledWith('dialog:open-in-tab', { tabId: 7 });
    expect(closeWindow).toHaveBeenCalled();
  });

  it('lists an answer with its state, changes it and withdraws it while it waits', async () => {
    const send = background({ items: [ANSWER], open: [] });
    const { say } = await mount(send);
    const row = root.querySelector('[data-testid="answer-row"]');
    expect(row?.textContent).toContain('Klappt der neue Bescheid-Schritt für Sie?');
    expect(row?.textContent).toContain('Ihre Antwort: Kann ich nicht sagen');
    expect(row?.textContent).toContain('Wartet auf Versand');

    await act(async () => button('Antwort ändern').click());
    const yes = root.querySelector<HTMLInputElement>('input[type="radio"][value="yes"]');
    expect(yes?.closest('fieldset')?.querySelector('legend')?.textContent).toBe(QUESTION.text.de);
    await act(async () => {
      yes?.click();
    });
    await act(async () => button('Antwort speichern').click());
    expect(send).toHaveBeenCalledWith('answers:change', {
      questionId: QUESTION.id,
      input: { value: { kind: 'yesNo', value: 'yes' } },
    });
    expect(say).toHaveBeenCalledWith('Antwort geändert.');

    await act(async () => button('Antwort zurückziehen').click());
    expect(send).toHaveBeenCalledWith('answers:withdraw', { questionId: QUESTION.id });
    expect(say).toHaveBeenCalledWith('Antwort zurückgezogen.');
  });

  it('offers no change once the answer is on its way or sent', async () => {
    await mount(background({ items: [{ ...ANSWER, status: 'sent', changeable: false }], open: [] }));
    expect(root.textContent).toContain('Gesendet');
    expect(button('Antwort ändern')).toBeUndefined();
    expect(button('Antwort zurückziehen')).toBeUndefined();
  });
});
