import type { Question } from '../schema/questions';

/**
 * Which questions apply to a screen (issue #18). Runs in the background only: the content script is
 * told a count, never the questions or the rule.
 */

/** A screen as the background knows it: the site's application and the page's route template. */
export interface Screen {
  app: string;
  routeTemplate: string;
}

/**
 * Whether `question` applies: same application, the screen's route template among `screens` (any
 * screen of the application when it names none), and `now` within [from, to) — `to` is midnight after
 * the last day, which belongs to the next day.
 */
export function questionApplies(question: Question, screen: Screen, now: number): boolean {
  if (question.app !== screen.app) return false;
  if (question.screens && !question.screens.includes(screen.routeTemplate)) return false;
  return Date.parse(question.from) <= now && now < Date.parse(question.to);
}

/** The questions that apply to `screen` now, in a stable order (first day, then id). */
export function questionsFor(questions: readonly Question[], screen: Screen, now: number): Question[] {
  return questions
    .filter((question) => questionApplies(question, screen, now))
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from) || a.id.localeCompare(b.id));
}
