import { type Context, Hono } from 'hono';
import { Question, type QuestionForm, QuestionId } from '../../../utils/schema/questions';
import type {
  MarkerComparison,
  QuestionChangeResult,
  QuestionResults,
  QuestionSettings,
  QuestionStore,
} from '../../store/question-types';
import { BOM, CSV_SEPARATORS, csvLine } from '../csv';
import { DashboardError } from '../errors';
import { localMidnightUtc, parseDayInput } from '../format';
import type { Translator } from '../i18n';
import {
  fullDistribution,
  percent,
  questionFormPage,
  questionPage,
  questionsPage,
  resultsPage,
  valueLabel,
} from '../views/questions';
import {
  type DashboardDeps,
  type DashboardEnv,
  noticeText,
  pageContext,
  parseOrThrow,
  render,
  requireCsrf,
  serviceOrNotFound,
} from './context';

/** Questions on the list page. */
const LIST_LIMIT = 500;
/** Markers offered in a question's form. */
const MARKERS_OFFERED = 200;
/** Weeks on each side of the before/after on a results page (the marker's own page offers others). */
const MARKER_WEEKS = 4;

// The settings are checked by the very schema the extension receives them with.
const Settings = Question.omit({ id: true }).refine((settings) => settings.to > settings.from, {
  message: 'the last day must not lie before the first',
  path: ['to'],
});

function questionIdParam(c: Context<DashboardEnv>): string {
  const id = c.req.param('id')?.toLowerCase() ?? '';
  if (!QuestionId.safeParse(id).success) throw new DashboardError('question_not_found');
  return id;
}

/** Lines of a textarea, trimmed, empty ones dropped. */
function lines(value: string | null): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `{ de, en? }` from two fields; an empty English field is left out. */
function localised(de: string | null, en: string | null): { de: string; en?: string } {
  const english = (en ?? '').trim();
  return english ? { de: (de ?? '').trim(), en: english } : { de: (de ?? '').trim() };
}

/** A day field as the UTC instant of German local midnight; `after` moves it to the next day. */
function dayStart(value: string | null, after: boolean): string {
  const day = parseDayInput(value ?? '');
  if (!day) throw new DashboardError('date_invalid');
  if (!after) return localMidnightUtc(day);
  const next = new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return localMidnightUtc(next);
}

/** The question form of a request, as settings checked by the shared schema. */
function settingsOf(form: URLSearchParams): QuestionSettings {
  const kind = form.get('formKind');
  let answerForm: QuestionForm | undefined;
  if (kind === 'scale') {
    answerForm = {
      kind,
      low: localised(form.get('lowDe'), form.get('lowEn')),
      high: localised(form.get('highDe'), form.get('highEn')),
    };
  } else if (kind === 'yesNo') {
    answerForm = { kind };
  } else if (kind === 'choice') {
    const english = lines(form.get('optionsEn'));
    answerForm = {
      kind,
      options: lines(form.get('optionsDe')).map((de, index) => localised(de, english[index] ?? null)),
    };
  }
  const screens = lines(form.get('screens'));
  const markerId = (form.get('markerId') ?? '').trim();
  return parseOrThrow(Settings, {
    text: localised(form.get('textDe'), form.get('textEn')),
    app: (form.get('app') ?? '').trim(),
    ...(screens.length > 0 ? { screens } : {}),
    from: dayStart(form.get('from'), false),
    to: dayStart(form.get('to'), true),
    form: answerForm,
    noteAllowed: form.get('noteAllowed') === '1',
    ...(markerId ? { markerId } : {}),
  });
}

/** The page after a change, or the error page saying why there was none. */
function afterChange(c: Context<DashboardEnv>, result: QuestionChangeResult) {
  if (!result.ok) {
    throw new DashboardError(
      result.reason === 'not_draft'
        ? 'question_not_draft'
        : result.reason === 'not_active'
          ? 'question_not_active'
          : 'question_not_found',
    );
  }
  return c.redirect(`/dashboard/questions/${result.question.id}?notice=saved`, 303);
}

/**
 * The results as CSV cells: the counts always, the rest only when shown (the k rule); the marker's
 * before/after always, as on the page — it counts notes, not answers.
 */
function resultsCsv(
  t: Translator,
  results: QuestionResults,
  comparison: MarkerComparison | null,
  separator: string,
): string {
  const { question } = results.question;
  let out = BOM;
  out += csvLine([t.t('questionTitle'), question.text.de], separator);
  out += csvLine([t.t('questionApp'), question.app], separator);
  out += csvLine([t.t('questionAnswers'), results.answers], separator);
  out += csvLine([t.t('questionMinAnswers'), results.minAnswers], separator);
  if (!results.shown) {
    out += csvLine([t.t('questionMissing'), results.missing], separator);
    return out + comparisonCsv(t, comparison, separator);
  }
  out += csvLine([], separator);
  out += csvLine([t.t('questionValue'), t.t('questionCount'), t.t('questionShare')], separator);
  for (const row of fullDistribution(question.form, results.distribution)) {
    out += csvLine(
      [valueLabel(t, question.form, row.value), row.count, `${percent(row.count, results.answers)} %`],
      separator,
    );
  }
  out += csvLine([], separator);
  out += csvLine([t.t('questionDay'), t.t('questionCount')], separator);
  for (const row of results.perDay) out += csvLine([row.value, row.count], separator);
  out += csvLine([], separator);
  out += csvLine([t.t('questionNotes')], separator);
  for (const note of results.notes) out += csvLine([note], separator);
  return out + comparisonCsv(t, comparison, separator);
}

/** The before/after of the question's change marker as CSV rows (nothing without a marker). */
function comparisonCsv(t: Translator, comparison: MarkerComparison | null, separator: string): string {
  if (!comparison) return '';
  let out = csvLine([], separator);
  out += csvLine([t.t('markerCompareOf', { title: comparison.marker.title })], separator);
  out += csvLine(
    [t.t('markerPeriod'), t.t('markerPeriod'), t.t('markerNotes'), t.t('minutes'), t.t('category')],
    separator,
  );
  for (const [label, period] of [
    [t.t('markerBefore'), comparison.before],
    [t.t('markerAfter'), comparison.after],
  ] as const) {
    const last = new Date(Date.parse(period.to) - 1).toISOString().slice(0, 10);
    out += csvLine(
      [
        label,
        `${period.from.slice(0, 10)} – ${last}`,
        period.notes,
        period.minutesLost,
        period.categories.map((row) => `${t.category(row.value)}: ${row.count}`).join(', '),
      ],
      separator,
    );
  }
  return out;
}

/** Questions to caseworkers (issue #18): list, write, edit while draft, activate, end, duplicate, results. */
export function questionRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { now, config } = deps;
  const app = new Hono<DashboardEnv>();
  const store = (): QuestionStore => serviceOrNotFound(deps.questions);
  const found = async (c: Context<DashboardEnv>) => {
    const question = await store().get(questionIdParam(c));
    if (!question) throw new DashboardError('question_not_found');
    return question;
  };
  const results = async (c: Context<DashboardEnv>) => {
    const result = await store().results(questionIdParam(c), config.questionsMinAnswers);
    if (!result) throw new DashboardError('question_not_found');
    return result;
  };

  app.get('/questions', async (c) => {
    const list = await store().list(LIST_LIMIT);
    return render(c, questionsPage(pageContext(c, deps.assetUrls), list, config.questionsMinAnswers, now()));
  });

  app.get('/questions/new', async (c) => {
    const markers = await store().listMarkers(MARKERS_OFFERED);
    return render(c, questionFormPage(pageContext(c, deps.assetUrls), markers));
  });

  app.post('/questions', requireCsrf(deps), async (c) => {
    const created = await store().create(settingsOf(c.var.form), now().toISOString());
    return c.redirect(`/dashboard/questions/${created.id}?notice=saved`, 303);
  });

  app.get('/questions/:id', async (c) => {
    const question = await found(c);
    const marker = question.question.markerId ? await store().getMarker(question.question.markerId) : null;
    return render(c, questionPage(pageContext(c, deps.assetUrls), question, marker, now(), noticeText(c)));
  });

  app.get('/questions/:id/edit', async (c) => {
    const question = await found(c);
    if (question.state !== 'draft') throw new DashboardError('question_not_draft');
    const markers = await store().listMarkers(MARKERS_OFFERED);
    return render(c, questionFormPage(pageContext(c, deps.assetUrls), markers, question));
  });

  app.post('/questions/:id', requireCsrf(deps), async (c) => {
    const id = questionIdParam(c);
    return afterChange(c, await store().update(id, settingsOf(c.var.form), now().toISOString()));
  });

  app.post('/questions/:id/activate', requireCsrf(deps), async (c) =>
    afterChange(c, await store().activate(questionIdParam(c), now().toISOString())),
  );

  app.post('/questions/:id/end', requireCsrf(deps), async (c) =>
    afterChange(c, await store().end(questionIdParam(c), now().toISOString())),
  );

  app.post('/questions/:id/duplicate', requireCsrf(deps), async (c) =>
    afterChange(c, await store().duplicate(questionIdParam(c), now().toISOString())),
  );

  const comparisonOf = (found: QuestionResults) => {
    const markerId = found.question.question.markerId;
    return markerId ? store().compareMarker(markerId, MARKER_WEEKS) : Promise.resolve(null);
  };

  app.get('/questions/:id/results', async (c) => {
    const found = await results(c);
    return render(c, resultsPage(pageContext(c, deps.assetUrls), found, await comparisonOf(found)));
  });

  app.get('/questions/:id/results.csv', async (c) => {
    const t = c.var.t;
    const separator = CSV_SEPARATORS[t.lang === 'de' ? 'semicolon' : 'comma'];
    const found = await results(c);
    return c.body(resultsCsv(t, found, await comparisonOf(found), separator), 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=absent',
      'Content-Disposition': `attachment; filename="mitsprache-frage-${found.question.id}.csv"`,
    });
  });

  app.get('/questions/:id/results.json', async (c) => {
    const found = await results(c);
    // The marker's before/after as on the page (notes, not answers: below k too).
    return c.body(JSON.stringify({ ...found, markerComparison: await comparisonOf(found) }), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="mitsprache-frage-${found.question.id}.json"`,
    });
  });

  return app;
}
