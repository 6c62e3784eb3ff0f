import { randomUUID } from 'node:crypto';
import { type AnswerValue, answerFits, Question } from '../../utils/schema/questions';
import type { ItemResult } from '../../utils/schema/wire';
import type { SqlDriver, SqlStep } from './incidents';
import type {
  AnswerToStore,
  ChangeMarker,
  CountedValue,
  MarkerComparison,
  MarkerInput,
  MarkerKind,
  MarkerPeriod,
  QuestionChangeResult,
  QuestionResults,
  QuestionSettings,
  QuestionState,
  QuestionStore,
  StoredQuestion,
} from './question-types';

// Questions, answers and change markers (issue #18) on both databases, written once as operations
// over the incidents' SqlDriver (store/incidents.ts): portable SQL with `?` placeholders, each
// operation in one transaction on SQLite's second connection or one pooled PostgreSQL client.

function* all<Row>(sql: string, params: readonly unknown[] = []): Generator<SqlStep, Row[], unknown> {
  return (yield { kind: 'all', sql, params }) as Row[];
}

function* run(sql: string, params: readonly unknown[] = []): Generator<SqlStep, number, unknown> {
  return (yield { kind: 'run', sql, params }) as number;
}

interface QuestionRow {
  id: string;
  state: QuestionState;
  question_json: string;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  ended_at: string | null;
  answers: number | string;
}

interface MarkerRow {
  id: string;
  day: string;
  title: string;
  kind: MarkerKind;
  apps_json: string;
  screens_json: string;
  created_at: string;
}

const QUESTION_COLUMNS = `q.id, q.state, q.question_json, q.created_at, q.updated_at, q.activated_at, q.ended_at,
  (SELECT count(*) FROM question_answers a WHERE a.question_id = q.id) AS answers`;
const MARKER_COLUMNS = 'id, day, title, kind, apps_json, screens_json, created_at';
/** Most notes a results page lists; beyond, the count says how many there are. */
const NOTES_MAX = 500;

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function storedQuestion(row: QuestionRow): StoredQuestion {
  return {
    id: row.id,
    state: row.state,
    question: Question.parse(JSON.parse(row.question_json)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activatedAt: row.activated_at,
    endedAt: row.ended_at,
    answers: Number(row.answers),
  };
}

function marker(row: MarkerRow): ChangeMarker {
  return {
    id: row.id,
    day: row.day,
    title: row.title,
    kind: row.kind,
    apps: JSON.parse(row.apps_json) as string[],
    screens: JSON.parse(row.screens_json) as string[],
    createdAt: row.created_at,
  };
}

/** The value as one text column holds it: '1'…'5', 'yes', 'no', 'cannot_say', '0'… for an option. */
export function answerText(value: AnswerValue): string {
  return String(value.value);
}

/** The question as delivered: its settings with its id, checked by the shared schema. */
function deliveredQuestion(id: string, settings: QuestionSettings): Question {
  return Question.parse({ ...settings, id });
}

function* questionRow(id: string): Generator<SqlStep, QuestionRow | undefined, unknown> {
  return (yield* all<QuestionRow>(`SELECT ${QUESTION_COLUMNS} FROM questions q WHERE q.id = ?`, [id]))[0];
}

function* changed(id: string): Generator<SqlStep, QuestionChangeResult, unknown> {
  const row = yield* questionRow(id);
  return row ? { ok: true, question: storedQuestion(row) } : { ok: false, reason: 'not_found' };
}

function* insertQuestion(settings: QuestionSettings, at: string): Generator<SqlStep, string, unknown> {
  const id = randomUUID();
  const question = deliveredQuestion(id, settings);
  yield* run(
    `INSERT INTO questions (id, state, app, starts_at, ends_at, marker_id, question_json, created_at, updated_at)
     VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      question.app,
      new Date(question.from).toISOString(),
      new Date(question.to).toISOString(),
      question.markerId ?? null,
      JSON.stringify(question),
      at,
      at,
    ],
  );
  return id;
}

function* period(
  apps: readonly string[],
  screens: readonly string[],
  from: string,
  to: string,
): Generator<SqlStep, MarkerPeriod, unknown> {
  if (apps.length === 0) return { from, to, notes: 0, minutesLost: 0, categories: [] };
  const where = [`app IN (${placeholders(apps.length)})`, 'created_at >= ?', 'created_at < ?'];
  const params: unknown[] = [...apps, from, to];
  if (screens.length > 0) {
    where.push(`route_template IN (${placeholders(screens.length)})`);
    params.push(...screens);
  }
  const condition = where.join(' AND ');
  const [totals] = yield* all<{ notes: number | string; minutes: number | string | null }>(
    `SELECT count(*) AS notes, sum(minutes_lost) AS minutes FROM records WHERE ${condition}`,
    params,
  );
  const categories = yield* all<{ value: string; n: number | string }>(
    `SELECT category AS value, count(*) AS n FROM records WHERE ${condition} GROUP BY category`,
    params,
  );
  return {
    from,
    to,
    notes: Number(totals?.notes ?? 0),
    minutesLost: Number(totals?.minutes ?? 0),
    categories: categories
      .map((row) => ({ value: row.value, count: Number(row.n) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The store over a backend's driver. */
export class SqlQuestionStore implements QuestionStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async create(settings: QuestionSettings, at: string): Promise<StoredQuestion> {
    const result = await this.#driver.write(
      (function* () {
        return yield* changed(yield* insertQuestion(settings, at));
      })(),
    );
    if (!result.ok) throw new Error('a question just created is missing');
    return result.question;
  }

  update(id: string, settings: QuestionSettings, at: string): Promise<QuestionChangeResult> {
    return this.#driver.write(
      (function* (): Generator<SqlStep, QuestionChangeResult, unknown> {
        const row = yield* questionRow(id);
        if (!row) return { ok: false, reason: 'not_found' };
        if (row.state !== 'draft') return { ok: false, reason: 'not_draft' };
        const question = deliveredQuestion(id, settings);
        yield* run(
          `UPDATE questions SET app = ?, starts_at = ?, ends_at = ?, marker_id = ?, question_json = ?, updated_at = ?
           WHERE id = ?`,
          [
            question.app,
            new Date(question.from).toISOString(),
            new Date(question.to).toISOString(),
            question.markerId ?? null,
            JSON.stringify(question),
            at,
            id,
          ],
        );
        return yield* changed(id);
      })(),
    );
  }

  activate(id: string, at: string): Promise<QuestionChangeResult> {
    return this.#driver.write(moveState(id, at, { from: 'draft', to: 'active', stamp: 'activated_at' }));
  }

  end(id: string, at: string): Promise<QuestionChangeResult> {
    return this.#driver.write(moveState(id, at, { from: 'active', to: 'ended', stamp: 'ended_at' }));
  }

  duplicate(id: string, at: string): Promise<QuestionChangeResult> {
    return this.#driver.write(
      (function* (): Generator<SqlStep, QuestionChangeResult, unknown> {
        const row = yield* questionRow(id);
        if (!row) return { ok: false, reason: 'not_found' };
        const { id: _old, ...settings } = storedQuestion(row).question;
        return yield* changed(yield* insertQuestion(settings, at));
      })(),
    );
  }

  get(id: string): Promise<StoredQuestion | null> {
    return this.#driver.read(
      (function* () {
        const row = yield* questionRow(id);
        return row ? storedQuestion(row) : null;
      })(),
    );
  }

  list(limit: number): Promise<StoredQuestion[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<QuestionRow>(
          `SELECT ${QUESTION_COLUMNS} FROM questions q ORDER BY q.created_at DESC, q.id LIMIT ?`,
          [limit],
        );
        return rows.map(storedQuestion);
      })(),
    );
  }

  deliverable(apps: readonly string[], now: string, limit: number): Promise<Question[]> {
    const wanted = [...new Set(apps)];
    if (wanted.length === 0) return Promise.resolve([]);
    return this.#driver.read(
      (function* () {
        // Questions whose `from` is still ahead come down too: a device offline at the start still has
        // them; the extension shows each only between its from and to.
        const rows = yield* all<{ question_json: string }>(
          `SELECT question_json FROM questions
           WHERE state = 'active' AND app IN (${placeholders(wanted.length)}) AND ends_at > ?
           ORDER BY starts_at, id LIMIT ?`,
          [...wanted, now, limit],
        );
        return rows.map((row) => Question.parse(JSON.parse(row.question_json)));
      })(),
    );
  }

  ingestAnswers(answers: readonly AnswerToStore[], receivedAt: string): Promise<ItemResult[]> {
    if (answers.length === 0) return Promise.resolve([]);
    return this.#driver.write(
      (function* (): Generator<SqlStep, ItemResult[], unknown> {
        const questions = new Map<string, { state: QuestionState; question: Question } | null>();
        const results: ItemResult[] = [];
        for (const { answer, caught } of answers) {
          const [stored] = yield* all<{ one: number }>('SELECT 1 AS one FROM question_answers WHERE id = ?', [
            answer.id,
          ]);
          if (stored) {
            results.push({ id: answer.id, status: 'duplicate' });
            continue;
          }
          if (!questions.has(answer.questionId)) {
            const row = yield* questionRow(answer.questionId);
            questions.set(answer.questionId, row ? storedQuestion(row) : null);
          }
          const question = questions.get(answer.questionId);
          // An answer to an ended question was given while it was active and sent later: it counts.
          if (!question || question.state === 'draft') {
            results.push({ id: answer.id, status: 'rejected', reason: 'question_unknown' });
            continue;
          }
          if (!answerFits(question.question.form, answer.answer)) {
            results.push({ id: answer.id, status: 'rejected', reason: 'answer_not_in_form' });
            continue;
          }
          if (answer.note !== undefined && !question.question.noteAllowed) {
            results.push({ id: answer.id, status: 'rejected', reason: 'note_not_allowed' });
            continue;
          }
          const inserted = yield* run(
            `INSERT INTO question_answers (id, question_id, received_day, created_day, answer, note,
               app, route_template, extension_version, caught)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
            [
              answer.id,
              answer.questionId,
              receivedAt.slice(0, 10),
              // The day on the device's calendar: extensions write local time with its offset, so the
              // date part is the day the caseworker answered on (a German morning is not yesterday).
              answer.createdAt.slice(0, 10),
              answerText(answer.answer),
              answer.note ?? null,
              answer.app,
              answer.routeTemplate,
              answer.extensionVersion,
              caught,
            ],
          );
          results.push({ id: answer.id, status: inserted === 1 ? 'accepted' : 'duplicate' });
        }
        return results;
      })(),
    );
  }

  results(id: string, minAnswers: number): Promise<QuestionResults | null> {
    return this.#driver.read(
      (function* (): Generator<SqlStep, QuestionResults | null, unknown> {
        const row = yield* questionRow(id);
        if (!row) return null;
        const question = storedQuestion(row);
        const answers = question.answers;
        // The k rule lives here, below every page and export: what is not read cannot be shown.
        if (answers < minAnswers) {
          return { shown: false, question, answers, minAnswers, missing: minAnswers - answers };
        }
        const counted = (rows: readonly { value: string; n: number | string }[]): CountedValue[] =>
          rows.map((found) => ({ value: found.value, count: Number(found.n) }));
        const distribution = yield* all<{ value: string; n: number | string }>(
          'SELECT answer AS value, count(*) AS n FROM question_answers WHERE question_id = ? GROUP BY answer ORDER BY answer',
          [id],
        );
        const perDay = yield* all<{ value: string; n: number | string }>(
          `SELECT created_day AS value, count(*) AS n FROM question_answers WHERE question_id = ?
           GROUP BY created_day ORDER BY created_day`,
          [id],
        );
        const notes = yield* all<{ note: string }>(
          'SELECT note FROM question_answers WHERE question_id = ? AND note IS NOT NULL ORDER BY note LIMIT ?',
          [id, NOTES_MAX],
        );
        return {
          shown: true,
          question,
          answers,
          minAnswers,
          distribution: counted(distribution),
          perDay: counted(perDay),
          notes: notes.map((found) => found.note),
        };
      })(),
    );
  }

  createMarker(input: MarkerInput, at: string): Promise<ChangeMarker> {
    const id = randomUUID();
    return this.#driver.write(
      (function* () {
        yield* run(
          `INSERT INTO change_markers (id, day, title, kind, apps_json, screens_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            input.day,
            input.title,
            input.kind,
            JSON.stringify(input.apps),
            JSON.stringify(input.screens),
            at,
          ],
        );
        const [row] = yield* all<MarkerRow>(`SELECT ${MARKER_COLUMNS} FROM change_markers WHERE id = ?`, [
          id,
        ]);
        return marker(row as MarkerRow);
      })(),
    );
  }

  listMarkers(limit: number): Promise<ChangeMarker[]> {
    return this.#driver.read(
      (function* () {
        const rows = yield* all<MarkerRow>(
          `SELECT ${MARKER_COLUMNS} FROM change_markers ORDER BY day DESC, created_at DESC, id LIMIT ?`,
          [limit],
        );
        return rows.map(marker);
      })(),
    );
  }

  getMarker(id: string): Promise<ChangeMarker | null> {
    return this.#driver.read(
      (function* () {
        const [row] = yield* all<MarkerRow>(`SELECT ${MARKER_COLUMNS} FROM change_markers WHERE id = ?`, [
          id,
        ]);
        return row ? marker(row) : null;
      })(),
    );
  }

  compareMarker(id: string, weeks: number): Promise<MarkerComparison | null> {
    return this.#driver.read(
      (function* (): Generator<SqlStep, MarkerComparison | null, unknown> {
        const [row] = yield* all<MarkerRow>(`SELECT ${MARKER_COLUMNS} FROM change_markers WHERE id = ?`, [
          id,
        ]);
        if (!row) return null;
        const found = marker(row);
        // The marker's day belongs to "after": a release rolled out that morning changes that day.
        const day = Date.parse(`${found.day}T00:00:00.000Z`);
        const span = weeks * 7 * DAY_MS;
        const iso = (at: number) => new Date(at).toISOString();
        const before = yield* period(found.apps, found.screens, iso(day - span), iso(day));
        const after = yield* period(found.apps, found.screens, iso(day), iso(day + span));
        return { marker: found, weeks, before, after };
      })(),
    );
  }
}

/**
 * One step of a question's life (draft → active → ended), only from the state named: the UPDATE's own
 * condition decides, so two officers pressing at once change it once; the refusal says why.
 */
function* moveState(
  id: string,
  at: string,
  step:
    | { from: 'draft'; to: 'active'; stamp: 'activated_at' }
    | { from: 'active'; to: 'ended'; stamp: 'ended_at' },
): Generator<SqlStep, QuestionChangeResult, unknown> {
  const updated = yield* run(
    `UPDATE questions SET state = '${step.to}', ${step.stamp} = ?, updated_at = ? WHERE id = ? AND state = '${step.from}'`,
    [at, at, id],
  );
  if (updated === 0) {
    if (!(yield* questionRow(id))) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: step.from === 'draft' ? 'not_draft' : 'not_active' };
  }
  return yield* changed(id);
}
