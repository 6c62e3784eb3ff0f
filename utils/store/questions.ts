import { EMPTY_PROMPT_LOG, forgetEnded, PromptLog } from '../questions/prompt';
import { Question } from '../schema/questions';
import { getDb } from './db';

const PROMPT_LOG_KEY = 'questions:prompts';

/**
 * The officers' questions this device knows (issue #18, docs/questions.md): the whole set from the
 * last status reply that carried one. Each is parsed on its own, so one question a newer collector
 * shapes differently is dropped without losing the others.
 */

/** Replaces the stored set with the valid ones of `delivered`; returns how many were kept. */
export async function replaceQuestions(delivered: readonly unknown[]): Promise<number> {
  const valid: Question[] = [];
  for (const item of delivered) {
    const parsed = Question.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
  }
  const db = await getDb();
  const tx = db.transaction(['questions', 'meta'], 'readwrite');
  const store = tx.objectStore('questions');
  await Promise.all([store.clear(), ...valid.map((question) => store.put(question))]);
  // The prompt log forgets questions no longer delivered, so it does not grow with every one ever asked.
  const log = PromptLog.safeParse(await tx.objectStore('meta').get(PROMPT_LOG_KEY));
  if (log.success) {
    const current = new Set(valid.map((question) => question.id));
    await tx.objectStore('meta').put(forgetEnded(log.data, current), PROMPT_LOG_KEY);
  }
  await tx.done;
  return valid.length;
}

/** What the device remembers about prompts (utils/questions/prompt.ts); empty when unreadable. */
export async function readPromptLog(): Promise<PromptLog> {
  const parsed = PromptLog.safeParse(await (await getDb()).get('meta', PROMPT_LOG_KEY));
  return parsed.success ? parsed.data : EMPTY_PROMPT_LOG;
}

/** Changes the prompt log in one transaction (two tabs prompting at once must not both pass the caps). */
export async function updatePromptLog(change: (log: PromptLog) => PromptLog): Promise<PromptLog> {
  const db = await getDb();
  const tx = db.transaction('meta', 'readwrite');
  const parsed = PromptLog.safeParse(await tx.store.get(PROMPT_LOG_KEY));
  const next = change(parsed.success ? parsed.data : EMPTY_PROMPT_LOG);
  await tx.store.put(next, PROMPT_LOG_KEY);
  await tx.done;
  return next;
}

/** Every stored question (at most STATUS_QUESTIONS_MAX: one read). */
export async function readQuestions(): Promise<Question[]> {
  return (await getDb()).getAll('questions');
}

/** Forgets every question: policy switched questions off. Answers not yet sent still go out. */
export async function clearQuestions(): Promise<void> {
  await (await getDb()).clear('questions');
}
