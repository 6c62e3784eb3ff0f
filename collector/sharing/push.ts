import { redactText } from '../../utils/redact/text';
import {
  HUB_PROTOCOL_VERSION,
  type HubCell,
  type HubMarker,
  type HubPush,
  type HubQuestionResult,
  type HubSharedNote,
  PUSH_CELLS_MAX,
  PUSH_MARKERS_MAX,
  PUSH_NOTES_MAX,
  PUSH_QUESTIONS_MAX,
  sharedNoteId,
  WHOLE_APPLICATION,
} from '../hub/protocol';
import { berlinWeek, coveredWeeks, mondayOf, weeksWindow } from '../hub/weeks';
import type { QuestionStore } from '../store/question-types';
import type { PushSummary, SqlSharingStore } from '../store/sharing';
import { aggregateCells, type CountRow, type Suppressed } from './aggregate';

// What the next push sends, built by one function for the preview page and for the delivery alike
// (planPush): an officer sees exactly what leaves, not a description of it.

/** Limits of the text fields (protocol.ts); a placeholder can make a text longer than it was. */
const NOTE_TEXT_MAX = 2000;
const REPLY_MAX = 4000;
/** Questions looked at for results (newest first); more are far beyond what one job centre runs. */
const QUESTIONS_LOOKED_AT = PUSH_QUESTIONS_MAX;

/** Everything one push carries, before it is split into parts. */
export interface PushPlan {
  jobCentre: string;
  k: number;
  weeks: string[];
  cells: HubCell[];
  notes: HubSharedNote[];
  markers: HubMarker[];
  questions: HubQuestionResult[];
  withdrawn: string[];
  /** What small-cell suppression held back (shown on the preview, never sent). */
  suppressed: Suppressed;
}

/** Where a plan's data comes from. */
export interface PlanSources {
  sharing: SqlSharingStore;
  questions?: QuestionStore;
}

/** The sharing settings a plan needs. */
export interface PlanSettings {
  jobCentre: string;
  /** k for cells (config shareMinNotes). */
  k: number;
  /** k of question results on the job centre's own dashboard (config questionsMinAnswers). */
  questionsMinAnswers: number;
}

const screenOf = (routeTemplate: string) =>
  routeTemplate.startsWith('/') ? routeTemplate : WHOLE_APPLICATION;

/** Passes a text through the redactor once more; a shared text leaves with nothing it would mask. */
export function reRedact(text: string, max: number): string {
  return redactText(text).text.trim().slice(0, max);
}

/** What the next push sends, from the data as it is at `now`. */
export async function planPush(sources: PlanSources, settings: PlanSettings, now: Date): Promise<PushPlan> {
  const { jobCentre, k } = settings;
  const weeks = coveredWeeks(now);
  const window = weeksWindow(weeks);
  const covered = new Set(weeks);

  const hours = await sources.sharing.hourCounts(window.from, window.to);
  const rows: CountRow[] = [];
  for (const hour of hours) {
    const week = berlinWeek(`${hour.hour}:00:00Z`);
    // A note of the window's first or last hour may fall outside the Berlin weeks; it waits for its own.
    if (!covered.has(week)) continue;
    rows.push({
      week,
      app: hour.app,
      screen: hour.routeTemplate,
      category: hour.category,
      impact: hour.impact as CountRow['impact'],
      notes: hour.notes,
      minutesLost: hour.minutesLost,
    });
  }
  const { cells, suppressed } = aggregateCells(jobCentre, rows, k);

  const notes: HubSharedNote[] = [];
  for (const source of await sources.sharing.sharedNotes()) {
    const text = reRedact(source.note, NOTE_TEXT_MAX);
    if (!text) continue;
    const reply = source.reply ? reRedact(source.reply, REPLY_MAX) : '';
    notes.push({
      id: sharedNoteId(jobCentre, source.recordId),
      week: berlinWeek(source.createdAt),
      app: source.app,
      screen: screenOf(source.routeTemplate),
      category: source.category,
      impact: source.impact as HubSharedNote['impact'],
      text,
      ...(reply ? { reply } : {}),
    });
  }
  const withdrawn = (await sources.sharing.withdrawnNotes()).map((id) => sharedNoteId(jobCentre, id));

  const markers: HubMarker[] = [];
  const questions: HubQuestionResult[] = [];
  if (sources.questions) {
    const firstDay = mondayOf(weeks[0] as string);
    for (const marker of await sources.questions.listMarkers(PUSH_MARKERS_MAX)) {
      // Markers of the covered weeks: the hub sets them beside the figures they explain.
      if (marker.day < firstDay) continue;
      markers.push({
        id: `${jobCentre}:marker:${marker.id}`,
        date: marker.day,
        title: marker.title,
        kind: marker.kind === 'law' ? 'legal' : 'release',
        apps: marker.apps.slice(0, 20),
        ...(marker.screens.length > 0 ? { screens: marker.screens.map(screenOf).slice(0, 20) } : {}),
      });
    }
    // Results only from the larger of both k: the questions' own line and the sharing line.
    const minAnswers = Math.max(k, settings.questionsMinAnswers);
    for (const stored of await sources.questions.list(QUESTIONS_LOOKED_AT)) {
      if (stored.state === 'draft') continue;
      const results = await sources.questions.results(stored.id, minAnswers);
      if (!results?.shown) continue;
      const { question } = stored;
      questions.push({
        id: `${jobCentre}:question:${question.id}`,
        text: question.text,
        app: question.app,
        ...(question.screens ? { screens: question.screens.map(screenOf).slice(0, 20) } : {}),
        from: question.from,
        to: question.to,
        form: question.form,
        answers: results.answers,
        // Counts only: the notes stay in the job centre.
        distribution: Object.fromEntries(results.distribution.map((row) => [row.value, row.count])),
        ...(question.markerId ? { markerId: `${jobCentre}:marker:${question.markerId}` } : {}),
      });
    }
  }
  return { jobCentre, k, weeks, cells, notes, markers, questions, withdrawn, suppressed };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * The plan as requests under the protocol's limits, all with the same pushId and weeks: the hub
 * replaces the weeks when part 1 arrives, so every cell of the weeks must come in this push's parts.
 */
export function splitPush(plan: PushPlan, pushId: string, sentAt: string): HubPush[] {
  const cells = chunks(plan.cells, PUSH_CELLS_MAX);
  const notes = chunks(plan.notes, PUSH_NOTES_MAX);
  const markers = chunks(plan.markers, PUSH_MARKERS_MAX);
  const questions = chunks(plan.questions, PUSH_QUESTIONS_MAX);
  const withdrawn = chunks(plan.withdrawn, PUSH_NOTES_MAX);
  const parts = Math.max(1, cells.length, notes.length, markers.length, questions.length, withdrawn.length);
  return Array.from({ length: parts }, (_, index) => ({
    protocolVersion: HUB_PROTOCOL_VERSION,
    jobCentre: plan.jobCentre,
    pushId,
    part: index + 1,
    parts,
    sentAt,
    k: plan.k,
    weeks: plan.weeks,
    cells: cells[index] ?? [],
    notes: notes[index] ?? [],
    markers: markers[index] ?? [],
    questions: questions[index] ?? [],
    withdrawn: withdrawn[index] ?? [],
  }));
}

/** The counts of a plan, for the log. */
export function summarise(plan: PushPlan): PushSummary {
  return {
    weeks: plan.weeks,
    cells: plan.cells.length,
    notes: plan.notes.length,
    markers: plan.markers.length,
    questions: plan.questions.length,
    withdrawn: plan.withdrawn.length,
  };
}
