import { Question } from '../schema/questions';
import { getDb } from './db';

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
  const tx = db.transaction('questions', 'readwrite');
  await Promise.all([tx.store.clear(), ...valid.map((question) => tx.store.put(question))]);
  await tx.done;
  return valid.length;
}

/** Every stored question (at most STATUS_QUESTIONS_MAX: one read). */
export async function readQuestions(): Promise<Question[]> {
  return (await getDb()).getAll('questions');
}

/** Forgets every question: policy switched questions off. Answers not yet sent still go out. */
export async function clearQuestions(): Promise<void> {
  await (await getDb()).clear('questions');
}
