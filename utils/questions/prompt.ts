import { z } from 'zod';

/**
 * The optional on-screen prompt (issue #18; policy `questionPrompt`, off by default): at most once
 * per question, never for a question the caseworker said "Nicht mehr fragen" to, and within the
 * policy's caps per day and per week. What is kept for this stays on the device and is never sent:
 * the collector has no record of who saw or skipped a question.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** Prompt times older than a week count for no cap any more. */
const KEEP_MS = WEEK_MS;

/** What the device remembers about prompts. */
export const PromptLog = z.object({
  /** Questions a prompt was shown for (each at most once). */
  prompted: z.array(z.string().max(64)).max(1000),
  /** Questions the caseworker asked never to be prompted for again. */
  never: z.array(z.string().max(64)).max(1000),
  /** When prompts were shown within the last week (epoch ms): what the caps count. */
  shownAt: z.array(z.number()).max(1000),
});
export type PromptLog = z.infer<typeof PromptLog>;

export const EMPTY_PROMPT_LOG: PromptLog = { prompted: [], never: [], shownAt: [] };

/** The caps from policy. */
export interface PromptCaps {
  perDay: number;
  perWeek: number;
}

/**
 * Whether a prompt for `questionId` may be shown at `now`. The caps count rolling windows (the last
 * 24 hours, the last 7 days), so a prompt late in the evening still counts the next morning.
 */
export function mayPrompt(log: PromptLog, questionId: string, now: number, caps: PromptCaps): boolean {
  if (log.prompted.includes(questionId) || log.never.includes(questionId)) return false;
  const lastDay = log.shownAt.filter((at) => at > now - DAY_MS && at <= now).length;
  const lastWeek = log.shownAt.filter((at) => at > now - WEEK_MS && at <= now).length;
  return lastDay < caps.perDay && lastWeek < caps.perWeek;
}

/** The log after a prompt for `questionId` was shown at `now` (old times dropped). */
export function notePrompt(log: PromptLog, questionId: string, now: number): PromptLog {
  return {
    prompted: [...log.prompted.filter((id) => id !== questionId), questionId].slice(-1000),
    never: log.never,
    shownAt: [...log.shownAt.filter((at) => at > now - KEEP_MS), now],
  };
}

/** The log after "Nicht mehr fragen" for `questionId`. */
export function neverPrompt(log: PromptLog, questionId: string): PromptLog {
  return log.never.includes(questionId) ? log : { ...log, never: [...log.never, questionId].slice(-1000) };
}

/** The log without questions no longer delivered, so it does not grow with every question ever asked. */
export function forgetEnded(log: PromptLog, current: ReadonlySet<string>): PromptLog {
  return {
    prompted: log.prompted.filter((id) => current.has(id)),
    never: log.never.filter((id) => current.has(id)),
    shownAt: log.shownAt,
  };
}
