import type { QuestionForm } from '../../../utils/schema/questions';
import type {
  ChangeMarker,
  CountedValue,
  MarkerComparison,
  QuestionResults,
  QuestionState,
  StoredQuestion,
} from '../../store/question-types';
import { dayInputValue, formatDate } from '../format';
import { type Html, html } from '../html';
import type { Translator } from '../i18n';
import { csrfField, dayField, layout, type PageContext } from './layout';
import { comparisonTable } from './markers';

// The questions views (issue #18): the list, the form to write or edit a draft, one question with its
// actions, and its results under the k rule.

/** A question's state as officers read it; an active question past its end date counts as ended. */
export function shownState(question: StoredQuestion, now: Date): QuestionState {
  if (question.state === 'active' && Date.parse(question.question.to) <= now.getTime()) return 'ended';
  return question.state;
}

function stateLabel(t: Translator, state: QuestionState): string {
  if (state === 'draft') return t.t('questionStateDraft');
  return state === 'active' ? t.t('questionStateActive') : t.t('questionStateEnded');
}

/** The question text in the officer's language (German when no English was written). */
function questionText(t: Translator, question: StoredQuestion): string {
  const { text } = question.question;
  return t.lang === 'en' && text.en ? text.en : text.de;
}

/** An answer value as stored ('4', 'yes', '0' …) in words of the question's form. */
export function valueLabel(t: Translator, form: QuestionForm, value: string): string {
  const pick = (label: { de: string; en?: string }) => (t.lang === 'en' && label.en ? label.en : label.de);
  switch (form.kind) {
    case 'scale':
      if (value === '1') return `1 – ${pick(form.low)}`;
      if (value === '5') return `5 – ${pick(form.high)}`;
      return value;
    case 'yesNo':
      return value === 'yes'
        ? t.t('questionYes')
        : value === 'no'
          ? t.t('questionNo')
          : value === 'cannot_say'
            ? t.t('questionCannotSay')
            : value;
    case 'choice': {
      const option = form.options[Number(value)];
      return option ? pick(option) : value;
    }
  }
}

/** Every value the form allows, in order, with its count (zero where nobody chose it). */
export function fullDistribution(form: QuestionForm, counted: readonly CountedValue[]): CountedValue[] {
  const values =
    form.kind === 'scale'
      ? ['1', '2', '3', '4', '5']
      : form.kind === 'yesNo'
        ? ['yes', 'no', 'cannot_say']
        : form.options.map((_, index) => String(index));
  return values.map((value) => ({ value, count: counted.find((row) => row.value === value)?.count ?? 0 }));
}

/** A share in whole percent. */
export function percent(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

/** All questions, newest first. */
export function questionsPage(
  page: PageContext,
  questions: readonly StoredQuestion[],
  k: number,
  now: Date,
): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('questionsTitle'),
    section: 'questions',
    body: html`<h1 id="h-questions">${t.t('questionsTitle')}</h1>
<p>${t.t('questionsIntro', { k })}</p>
<p><a href="/dashboard/questions/new">${t.t('questionNew')}</a></p>
${
  questions.length === 0
    ? html`<p>${t.t('questionsNone')}</p>`
    : html`<table aria-labelledby="h-questions"><thead><tr>
<th scope="col">${t.t('questionTitle')}</th><th scope="col">${t.t('questionApp')}</th><th scope="col">${t.t('questionState')}</th><th scope="col">${t.t('questionFrom')}</th><th scope="col">${t.t('questionTo')}</th><th scope="col">${t.t('questionAnswers')}</th><th scope="col">${t.t('questionResults')}</th>
</tr></thead>
<tbody>${questions.map(
        (question) => html`<tr>
<td><a href="/dashboard/questions/${question.id}">${questionText(t, question)}</a></td><td>${question.question.app}</td><td>${stateLabel(t, shownState(question, now))}</td><td>${formatDate(question.question.from)}</td><td>${formatDate(lastDay(question.question.to))}</td><td>${question.answers}</td><td><a href="/dashboard/questions/${question.id}/results">${t.t('questionResults')}<span class="visually-hidden"> – ${questionText(t, question)}</span></a></td>
</tr>`,
      )}</tbody></table>`
}`,
  });
}

/** The last day a question is active on: `to` is the start of the day after. */
function lastDay(to: string): string {
  return new Date(Date.parse(to) - 1).toISOString();
}

/** The day as a date field shows it, in German local time. */
function dayValue(iso: string): string {
  const [day, month, year] = formatDate(iso).split('.');
  return `${year}-${month}-${day}`;
}

function textField(
  id: string,
  name: string,
  label: string,
  value: string,
  options: { max: number; required?: boolean; hint?: string; rows?: number; lines?: number },
): Html {
  const hint = options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : '';
  const describedBy = options.hint ? html` aria-describedby="${id}-hint"` : '';
  const required = options.required ? html` required` : '';
  return options.rows
    ? html`<div class="field"><label for="${id}">${label}</label><textarea id="${id}" name="${name}" rows="${options.rows}" maxlength="${(options.max + 1) * (options.lines ?? 1)}"${describedBy}${required}>${value}</textarea>${hint}</div>`
    : html`<div class="field"><label for="${id}">${label}</label><input type="text" id="${id}" name="${name}" value="${value}" maxlength="${options.max}"${describedBy}${required}>${hint}</div>`;
}

/** The form to write a new question or edit a draft. */
export function questionFormPage(
  page: PageContext,
  markers: readonly ChangeMarker[],
  question?: StoredQuestion,
): Html {
  const { t } = page;
  const q = question?.question;
  const form = q?.form ?? { kind: 'scale' as const, low: { de: '' }, high: { de: '' } };
  const scale = form.kind === 'scale' ? form : undefined;
  const choice = form.kind === 'choice' ? form : undefined;
  const radio = (kind: QuestionForm['kind'], label: string) =>
    html`<div><input type="radio" id="q-form-${kind}" name="formKind" value="${kind}"${form.kind === kind ? html` checked` : ''}><label for="q-form-${kind}">${label}</label></div>`;
  const title = question ? t.t('questionEdit') : t.t('questionNew');
  return layout(page, {
    title,
    section: 'questions',
    body: html`<p><a href="/dashboard/questions">${t.t('backToQuestions')}</a></p>
<h1>${title}</h1>
<form method="post" action="${question ? `/dashboard/questions/${question.id}` : '/dashboard/questions'}">
${csrfField(page.officer)}
${textField('q-text', 'textDe', t.t('questionText'), q?.text.de ?? '', { max: 300, required: true, rows: 2 })}
${textField('q-text-en', 'textEn', t.t('questionTextEn'), q?.text.en ?? '', { max: 300, rows: 2 })}
${textField('q-app', 'app', t.t('questionApp'), q?.app ?? '', { max: 100, required: true })}
${textField('q-screens', 'screens', t.t('questionScreens'), (q?.screens ?? []).join('\n'), {
  max: 1000,
  rows: 3,
  lines: 20,
  hint: t.t('questionScreensHint'),
})}
${dayField(page, 'q-from', 'from', t.t('questionFrom'), q ? dayValue(q.from) : undefined)}
${dayField(page, 'q-to', 'to', t.t('questionTo'), q ? dayValue(lastDay(q.to)) : undefined)}
<fieldset><legend>${t.t('questionForm')}</legend>
${radio('scale', t.t('questionFormScale'))}
${radio('yesNo', t.t('questionFormYesNo'))}
${radio('choice', t.t('questionFormChoice'))}
</fieldset>
${textField('q-low', 'lowDe', t.t('questionScaleLow'), scale?.low.de ?? '', { max: 60, hint: t.t('questionScaleHint') })}
${textField('q-low-en', 'lowEn', t.t('questionScaleLowEn'), scale?.low.en ?? '', { max: 60 })}
${textField('q-high', 'highDe', t.t('questionScaleHigh'), scale?.high.de ?? '', { max: 60 })}
${textField('q-high-en', 'highEn', t.t('questionScaleHighEn'), scale?.high.en ?? '', { max: 60 })}
${textField(
  'q-options',
  'optionsDe',
  t.t('questionOptions'),
  (choice?.options ?? []).map((o) => o.de).join('\n'),
  {
    max: 100,
    rows: 6,
    lines: 6,
    hint: t.t('questionOptionsHint'),
  },
)}
${textField('q-options-en', 'optionsEn', t.t('questionOptionsEn'), (choice?.options ?? []).map((o) => o.en ?? '').join('\n'), { max: 100, rows: 6, lines: 6 })}
<div class="field"><input type="checkbox" id="q-note" name="noteAllowed" value="1"${q?.noteAllowed ? html` checked` : ''}> <label for="q-note">${t.t('questionNoteAllowed')}</label></div>
<div class="field"><label for="q-marker">${t.t('questionMarker')}</label>
<select id="q-marker" name="markerId"><option value="">${t.t('questionMarkerNone')}</option>${markers.map(
      (marker) =>
        html`<option value="${marker.id}"${q?.markerId === marker.id ? html` selected` : ''}>${dayInputValue(marker.day)} – ${marker.title}</option>`,
    )}</select></div>
<div class="actions"><button type="submit">${t.t('questionSave')}</button></div>
</form>`,
  });
}

function fact(label: string, value: Html | string | number | null): Html {
  if (value === null || value === '') return html``;
  return html`<dt>${label}</dt><dd>${value}</dd>`;
}

/** One question: its settings and what can be done with it in its state. */
export function questionPage(
  page: PageContext,
  question: StoredQuestion,
  marker: ChangeMarker | null,
  now: Date,
  notice?: string,
): Html {
  const { t } = page;
  const q = question.question;
  const action = (path: string, label: string, hint?: string) =>
    html`<form method="post" action="/dashboard/questions/${question.id}/${path}">${csrfField(page.officer)}${
      hint ? html`<p class="hint" id="q-${path}-hint">${hint}</p>` : ''
    }<div class="actions"><button type="submit"${hint ? html` aria-describedby="q-${path}-hint"` : ''}${path === 'duplicate' ? html` class="secondary"` : ''}>${label}</button></div></form>`;
  const formText =
    q.form.kind === 'scale'
      ? `${t.t('questionFormScale')} (1 = ${q.form.low.de}, 5 = ${q.form.high.de})`
      : q.form.kind === 'yesNo'
        ? t.t('questionFormYesNo')
        : `${t.t('questionFormChoice')}: ${q.form.options.map((option) => option.de).join(' · ')}`;
  return layout(page, {
    title: questionText(t, question),
    section: 'questions',
    body: html`<p><a href="/dashboard/questions">${t.t('backToQuestions')}</a></p>
<h1>${questionText(t, question)}</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
<div class="columns">
<section aria-labelledby="h-question-facts">
<h2 id="h-question-facts">${t.t('questionState')}: ${stateLabel(t, shownState(question, now))}</h2>
<dl class="facts">
${fact(t.t('questionText'), q.text.de)}
${fact(t.t('questionTextEn'), q.text.en ?? null)}
${fact(t.t('questionApp'), q.app)}
${fact(t.t('questionScreens'), q.screens ? html`${q.screens.map((screen) => html`<code>${screen}</code> `)}` : null)}
${fact(t.t('questionFrom'), formatDate(q.from))}
${fact(t.t('questionTo'), formatDate(lastDay(q.to)))}
${fact(t.t('questionForm'), formText)}
${fact(t.t('questionNoteAllowed'), q.noteAllowed ? t.t('yes') : t.t('no'))}
${fact(t.t('questionMarker'), marker ? html`<a href="/dashboard/markers/${marker.id}">${dayInputValue(marker.day)} – ${marker.title}</a>` : null)}
${fact(t.t('questionAnswers'), question.answers)}
</dl>
<p><a href="/dashboard/questions/${question.id}/results">${t.t('questionResults')}</a></p>
</section>
<section aria-labelledby="h-question-actions">
<h2 id="h-question-actions">${t.t('workflow')}</h2>
${question.state === 'draft' ? html`<p><a href="/dashboard/questions/${question.id}/edit">${t.t('questionEdit')}</a></p>${action('activate', t.t('questionActivate'), t.t('questionActivateHint'))}` : ''}
${shownState(question, now) === 'active' ? action('end', t.t('questionEnd')) : ''}
${action('duplicate', t.t('questionDuplicate'))}
</section>
</div>`,
  });
}

/** A table of counts with a bar per row: `<meter>` draws it, the numbers beside it say it. */
function countTable(
  id: string,
  caption: string,
  first: string,
  t: Translator,
  rows: readonly { label: string; count: number }[],
  total: number,
): Html {
  return html`<table id="${id}" class="results-table"><caption>${caption}</caption><thead><tr><th scope="col">${first}</th><th scope="col">${t.t('questionCount')}</th><th scope="col">${t.t('questionShare')}</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr><th scope="row">${row.label}</th><td>${row.count}</td><td><meter min="0" max="${total}" value="${row.count}" aria-hidden="true"></meter> ${percent(row.count, total)} %</td></tr>`,
  )}</tbody></table>`;
}

/**
 * A question's results: only the number and what is missing below k; everything from k on. With its
 * change marker, the before/after of the marker's screens (notes, not answers: no k applies). Printable
 * as it is, for a working group.
 */
export function resultsPage(
  page: PageContext,
  results: QuestionResults,
  comparison: MarkerComparison | null,
): Html {
  const { t } = page;
  const { question } = results;
  const title = t.t('questionResultsTitle', { text: questionText(t, question) });
  const exports = html`<p><a href="/dashboard/questions/${question.id}/results.csv">${t.t('questionExportCsv')}</a> · <a href="/dashboard/questions/${question.id}/results.json">${t.t('questionExportJson')}</a></p>`;
  const body = !results.shown
    ? html`<div class="notice" role="status" id="results-hidden"><p>${t.t('questionHidden', {
        n: results.answers,
        missing: results.missing,
        k: results.minAnswers,
      })}</p></div><p>${t.t('questionHiddenWhy')}</p>`
    : html`<p>${t.t('questionAnswers')}: <strong id="results-total">${results.answers}</strong></p>
${countTable(
  'results-distribution',
  t.t('questionDistribution'),
  t.t('questionValue'),
  t,
  fullDistribution(question.question.form, results.distribution).map((row) => ({
    label: valueLabel(t, question.question.form, row.value),
    count: row.count,
  })),
  results.answers,
)}
${countTable(
  'results-per-day',
  t.t('questionPerDay'),
  t.t('questionDay'),
  t,
  results.perDay.map((row) => ({ label: dayInputValue(row.value), count: row.count })),
  results.answers,
)}
<section aria-labelledby="h-results-notes">
<h2 id="h-results-notes">${t.t('questionNotes')}</h2>
${results.notes.length === 0 ? html`<p>${t.t('questionNoNotes')}</p>` : html`<ul class="results-notes">${results.notes.map((note) => html`<li>${note}</li>`)}</ul>`}
</section>`;
  return layout(page, {
    title,
    section: 'questions',
    body: html`<p class="no-print"><a href="/dashboard/questions/${question.id}">${t.t('backToQuestions')}</a> <button type="button" class="secondary" data-print hidden>${t.t('questionPrint')}</button></p>
<h1>${title}</h1>
<p>${question.question.app}${question.question.screens ? html` · ${question.question.screens.map((screen) => html`<code>${screen}</code> `)}` : ''} · ${formatDate(question.question.from)} – ${formatDate(lastDay(question.question.to))}</p>
${body}
${comparison ? html`<section aria-labelledby="h-results-marker"><h2 id="h-results-marker">${t.t('markerCompare')}</h2>${comparisonTable(t, comparison, 'results-marker-compare')}</section>` : ''}
<div class="no-print">${exports}</div>`,
  });
}
