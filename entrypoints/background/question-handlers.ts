import { organisationRedaction } from '../../utils/capture/build-context';
import { localTimestamp } from '../../utils/capture/build-record';
import { extensionVersion } from '../../utils/capture/environment';
import { AppError } from '../../utils/errors';
import { uiLang } from '../../utils/i18n/lang';
import { recordId } from '../../utils/ids';
import type {
  AnswerItem,
  QuestionPrompt,
  questionsProtocol,
  ShownQuestion,
} from '../../utils/messaging/protocol/questions';
import { buildAnswer } from '../../utils/questions/answer';
import { questionsFor, type Screen } from '../../utils/questions/match';
import { mayPrompt, neverPrompt, notePrompt } from '../../utils/questions/prompt';
import { countText, PROMPT_WORDS } from '../../utils/questions/words';
import { ensureLexicon } from '../../utils/redact/lexicon-browser';
import { extractPageTerms } from '../../utils/redact/page-terms';
import { redactUrl } from '../../utils/redact/url';
import type { AnswerEntry } from '../../utils/schema/outbox';
import type { Question } from '../../utils/schema/questions';
import type { Settings } from '../../utils/schema/settings';
import { findSite } from '../../utils/sites/match';
import { answerFor, putAnswer, readAnswers, stillQueued, withdrawAnswer } from '../../utils/store/answers';
import { isSending } from '../../utils/store/outbox-query';
import { readPromptLog, readQuestions, updatePromptLog } from '../../utils/store/questions';
import { dialogCapture } from './captures';
import type { HandlersFor } from './router';

export interface QuestionDeps {
  settings(): Promise<Settings>;
  /** Called after an answer is durably stored or changed (schedules a sync). */
  onRecordSaved(): void;
}

/** The screen of a page URL: its site's application and its route template, as a record would carry them. */
export function screenOf(
  settings: Settings,
  href: string,
  pageTerms?: ReadonlySet<string>,
): Screen | undefined {
  const site = findSite(settings.sites, href);
  if (!site) return undefined;
  return { app: site.app, routeTemplate: redactUrl(href, site.allowedParams, pageTerms).routeTemplate };
}

/**
 * The questions open on a screen: they apply now, this device has not answered them, and the
 * caseworker did not say "Nicht mehr fragen" to them (on the prompt; kept on the device only). Nothing
 * when policy switched questions off (the stored set is dropped at the next poll; this holds until then).
 */
export async function openQuestions(settings: Settings, screen: Screen | undefined, now = Date.now()) {
  if (!settings.questionsEnabled || !screen) return [];
  // Asked on every page load of a configured site (issue #20): most screens have no question, and then
  // one read is all it costs.
  const applying = questionsFor(await readQuestions(), screen, now);
  if (applying.length === 0) return [];
  const [answers, log] = await Promise.all([readAnswers(), readPromptLog()]);
  const closed = new Set([...answers.map((answer) => answer.questionId), ...log.never]);
  return applying.filter((question) => !closed.has(question.id));
}

export function shown(question: Question | ShownQuestion): ShownQuestion {
  return { id: question.id, text: question.text, form: question.form, noteAllowed: question.noteAllowed };
}

/**
 * The prompt for the first open question the caps allow, counted as shown at once in the same
 * transaction as the check, so two tabs asking together cannot both pass a cap. Undefined: none.
 */
async function reservePrompt(
  open: readonly Question[],
  settings: Settings,
  now = Date.now(),
): Promise<QuestionPrompt | undefined> {
  if (open.length === 0) return undefined;
  const caps = { perDay: settings.questionPromptsPerDay, perWeek: settings.questionPromptsPerWeek };
  let chosen: Question | undefined;
  await updatePromptLog((log) => {
    chosen = open.find((question) => mayPrompt(log, question.id, now, caps));
    return chosen ? notePrompt(log, chosen.id, now) : log;
  });
  if (!chosen) return undefined;
  const lang = uiLang(settings.uiLanguage);
  const { label, answer, later, never } = PROMPT_WORDS[lang];
  return { questionId: chosen.id, text: localisedText(chosen.text, lang), label, answer, later, never };
}

function localisedText(text: Question['text'], lang: 'de' | 'en'): string {
  return lang === 'en' ? (text.en ?? text.de) : text.de;
}

function item(entry: AnswerEntry, queued: ReadonlySet<string>, sending: boolean): AnswerItem {
  return {
    question: { id: entry.questionId, ...entry.question },
    status: entry.status,
    createdAt: entry.createdAt,
    ...(entry.sentAt !== undefined ? { sentAt: entry.sentAt } : {}),
    ...(entry.failure ? { failure: { code: entry.failure.code, reason: entry.failure.reason } } : {}),
    value: entry.answer.answer,
    ...(entry.answer.note ? { note: entry.answer.note } : {}),
    changeable: entry.status === 'pending' && queued.has(entry.id) && !sending,
  };
}

/** Questions to caseworkers: the button's count, answering in the dialog, answers in the outbox. */
export function questionHandlers(deps: QuestionDeps): HandlersFor<typeof questionsProtocol> {
  return {
    async 'content:questions'({ canPrompt }, sender) {
      const settings = await deps.settings();
      const open = await openQuestions(settings, screenOf(settings, sender.url ?? ''));
      const prompt = canPrompt && settings.questionPrompt ? await reservePrompt(open, settings) : undefined;
      const text = countText(open.length, uiLang(settings.uiLanguage));
      return { count: open.length, text, ...(prompt ? { prompt } : {}) };
    },

    async 'question:prompt-never'({ questionId }, sender) {
      const settings = await deps.settings();
      const open = await openQuestions(settings, screenOf(settings, sender.url ?? ''));
      if (!open.some((question) => question.id === questionId)) throw new AppError('not_found', questionId);
      await updatePromptLog((log) => neverPrompt(log, questionId));
      return { ok: true as const };
    },

    async 'question:answer'({ captureId, questionId, input }, sender) {
      const [{ capture }, settings] = await Promise.all([
        dialogCapture(captureId, sender.tab?.id, sender.frameId),
        deps.settings(),
        ensureLexicon(),
      ]);
      const pageTerms = extractPageTerms(capture.pageTexts);
      const screen = screenOf(settings, capture.href, pageTerms);
      // Only a question open on the captured screen: a dialog cannot answer for another screen.
      const question = (await openQuestions(settings, screen)).find((open) => open.id === questionId);
      if (!question || !screen) throw new AppError('not_found', questionId);
      const answer = buildAnswer({
        id: recordId(),
        createdAt: localTimestamp(),
        question,
        input,
        screen,
        redaction: { pageTerms, ...organisationRedaction(settings) },
        extensionVersion: extensionVersion(),
      });
      const entry = await putAnswer(answer, {
        text: question.text,
        form: question.form,
        noteAllowed: question.noteAllowed,
      });
      deps.onRecordSaved();
      return { id: entry.id };
    },

    async 'answers:list'({ tabUrl }) {
      const settings = await deps.settings();
      const [answers, sending, open] = await Promise.all([
        readAnswers(),
        isSending(),
        tabUrl ? openQuestions(settings, screenOf(settings, tabUrl)) : Promise.resolve([]),
      ]);
      const queued = await stillQueued(answers);
      return { items: answers.map((entry) => item(entry, queued, sending)), open: open.map(shown) };
    },

    async 'answers:change'({ questionId, input }) {
      const [entry, settings] = await Promise.all([answerFor(questionId), deps.settings(), ensureLexicon()]);
      if (!entry) throw new AppError('not_found', questionId);
      // Without the page there are no page terms: redacted as an edited note is (outbox-handlers.ts).
      const answer = buildAnswer({
        id: entry.id,
        createdAt: entry.answer.createdAt,
        question: { id: questionId, ...entry.question },
        input,
        screen: { app: entry.answer.app, routeTemplate: entry.answer.routeTemplate },
        redaction: { pageTerms: [], ...organisationRedaction(settings) },
        extensionVersion: entry.answer.extensionVersion,
      });
      await putAnswer(answer, entry.question);
      return { ok: true as const };
    },

    async 'answers:withdraw'({ questionId }) {
      await withdrawAnswer(questionId);
      return { ok: true as const };
    },
  };
}
