import type { Question, QuestionAnswer } from '../../utils/schema/questions';
import type { ItemResult } from '../../utils/schema/wire';

// Questions, answers and change markers (issue #18): the store's side, the same on SQLite and
// PostgreSQL (store/questions.ts over each backend's SqlDriver).

/** draft: being written, may be edited; active: delivered between from and to; ended: no more. */
export type QuestionState = 'draft' | 'active' | 'ended';

/** What an officer sets on a question: everything delivered except its id. */
export type QuestionSettings = Omit<Question, 'id'>;

/** A question as the dashboard sees it. */
export interface StoredQuestion {
  id: string;
  state: QuestionState;
  question: Question;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  endedAt: string | null;
  /** Answers stored so far (a count only; never who gave them). */
  answers: number;
}

/** Why an officer's change of a question did not happen. */
export type QuestionChangeRefusal = 'not_found' | 'not_draft' | 'not_active';

export type QuestionChangeResult =
  | { ok: true; question: StoredQuestion }
  | { ok: false; reason: QuestionChangeRefusal };

/** An answer to store: as checked by the schema, with its note after the collector's second line. */
export interface AnswerToStore {
  answer: QuestionAnswer;
  /** How many masks the collector's second line added to the note. */
  caught: number;
}

/** A count per value (an answer value, a day, a category). */
export interface CountedValue {
  value: string;
  count: number;
}

/**
 * A question's results. Below `minAnswers` (k, the staff council's line) only the number of answers
 * and how many are missing leave the store: no distribution, no trend, no notes.
 */
export type QuestionResults =
  | {
      shown: false;
      question: StoredQuestion;
      answers: number;
      minAnswers: number;
      missing: number;
    }
  | {
      shown: true;
      question: StoredQuestion;
      answers: number;
      minAnswers: number;
      /** Answer values as stored ('1'…'5', 'yes'/'no'/'cannot_say', '0'… for options) with counts. */
      distribution: CountedValue[];
      /** Answers per day (YYYY-MM-DD, as on the answering device's calendar), oldest first. */
      perDay: CountedValue[];
      /** The redacted notes, sorted by text: not tied to an answer, a day or an order of arrival. */
      notes: string[];
    };

export const MARKER_KINDS = ['release', 'law'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** A dated software release or legal change, with what it touches. */
export interface ChangeMarker {
  id: string;
  /** YYYY-MM-DD. */
  day: string;
  title: string;
  kind: MarkerKind;
  apps: string[];
  /** Route templates; empty: every screen of the applications. */
  screens: string[];
  createdAt: string;
}

export type MarkerInput = Omit<ChangeMarker, 'id' | 'createdAt'>;

/** Notes about the screens a marker touches in one period (`from` inclusive, `to` exclusive, by creation). */
export interface MarkerPeriod {
  from: string;
  to: string;
  notes: number;
  minutesLost: number;
  categories: CountedValue[];
}

/** The same number of weeks before and after a marker's day. */
export interface MarkerComparison {
  marker: ChangeMarker;
  weeks: number;
  before: MarkerPeriod;
  after: MarkerPeriod;
}

/** Questions, their answers and change markers on one database. */
export interface QuestionStore {
  /** A new draft. */
  create(settings: QuestionSettings, at: string): Promise<StoredQuestion>;
  /** Replaces the settings of a draft. */
  update(id: string, settings: QuestionSettings, at: string): Promise<QuestionChangeResult>;
  /** draft → active. */
  activate(id: string, at: string): Promise<QuestionChangeResult>;
  /** active → ended, before its `to` if need be. */
  end(id: string, at: string): Promise<QuestionChangeResult>;
  /** A new draft with the settings of any question. */
  duplicate(id: string, at: string): Promise<QuestionChangeResult>;
  get(id: string): Promise<StoredQuestion | null>;
  /** Newest first. */
  list(limit: number): Promise<StoredQuestion[]>;
  /** Active questions of `apps` whose `to` lies after `now`, as delivered to extensions. */
  deliverable(apps: readonly string[], now: string, limit: number): Promise<Question[]>;
  /**
   * Stores answers of one batch, each exactly once by id: `accepted` if new, `duplicate` if stored
   * before (or earlier in this batch), `rejected` when its question is unknown or still a draft, or
   * the value does not fit the question's form. Results in input order. Of `receivedAt` (UTC) and each
   * answer's creation time (the device's calendar) only the day is kept, and nothing of the batch: an exact arrival time
   * or a batch id would tie an answer to a record sent with it, and so to that record's reporter.
   */
  ingestAnswers(answers: readonly AnswerToStore[], receivedAt: string): Promise<ItemResult[]>;
  /** A question's results under the k rule; null when there is no such question. */
  results(id: string, minAnswers: number): Promise<QuestionResults | null>;
  createMarker(input: MarkerInput, at: string): Promise<ChangeMarker>;
  /** Newest day first. */
  listMarkers(limit: number): Promise<ChangeMarker[]>;
  getMarker(id: string): Promise<ChangeMarker | null>;
  /** Notes on the marker's screens `weeks` weeks before and after its day; null when no such marker. */
  compareMarker(id: string, weeks: number): Promise<MarkerComparison | null>;
}
