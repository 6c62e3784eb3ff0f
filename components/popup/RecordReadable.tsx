import type { Lang } from '../../utils/i18n/lang';
import { roleLabel } from '../../utils/i18n/roles';
import { outageWords } from '../../utils/outage/words';
import { MASK_LABELS, PLACEHOLDER_RE } from '../../utils/redact/kinds';
import type { FeedbackRecord } from '../../utils/schema/record';
import { MaskedText } from '../shared/MaskedText';
import { formatWhen, IMPACT_KEYS, type PopupT } from './i18n';

/** Props of the readable form of a record. */
export interface RecordReadableProps {
  record: FeedbackRecord;
  lang: Lang;
  t: PopupT;
  heading: string;
  categoryLabel: string;
}

// Placeholders of the redaction plus the ":id" segments of route templates.
const MASKED = new RegExp(`${PLACEHOLDER_RE.source}|:id\\b`, 'g');

/** The placeholder a kind leaves in the text, which is what the caseworker sees in the note. */
function maskLabel(kind: string): string {
  return Object.hasOwn(MASK_LABELS, kind) ? MASK_LABELS[kind as keyof typeof MASK_LABELS] : kind;
}

/** A stored value with every masked part marked, so the caseworker sees what was hidden. */
function Redacted({ value }: { value: string }) {
  const masks = [...value.matchAll(MASKED)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    kind: 'mask',
  }));
  return <MaskedText text={value} masks={masks} />;
}

/** Every field of the record in plain words: the same data as the JSON view, nothing more. */
export function RecordReadable({ record, lang, t, heading, categoryLabel }: RecordReadableProps) {
  const { context } = record;
  const screen = [context.screen.name, context.screen.step, context.screen.tab].filter(Boolean).join(' · ');
  const masks = Object.entries(record.redaction.counts).filter(([, n]) => n > 0);
  const reporter =
    record.reporter.mode === 'unit'
      ? t('reporterUnit', { unit: record.reporter.unit })
      : record.reporter.mode === 'pseudonym'
        ? `${t('reporterPseudonym')} ${record.reporter.pseudonym.slice(0, 8)}…`
        : t('reporterNone');
  return (
    <section class="readable" aria-labelledby="readable-heading">
      <h3 id="readable-heading">{heading}</h3>
      <dl class="fields">
        <dt>{t('note')}</dt>
        <dd class="note" data-testid="detail-note">
          <Redacted value={record.note} />
        </dd>
        <dt>{t('category')}</dt>
        <dd>{categoryLabel}</dd>
        <dt>{t('impact')}</dt>
        <dd>{t(IMPACT_KEYS[record.impact])}</dd>
        <dt>{t('appointment')}</dt>
        <dd>{record.duringAppointment ? t('yes') : t('no')}</dd>
        <dt>{t('minutes')}</dt>
        <dd>{record.minutesLost ?? t('minutesNone')}</dd>
        {record.outage ? (
          <>
            <dt>{t('outageField')}</dt>
            <dd data-testid="detail-outage">
              {t('outageFieldValue', {
                words: record.outage.code
                  ? `${outageWords(record.outage.kind, record.outage.code, lang)} (${record.outage.code})`
                  : outageWords(record.outage.kind, undefined, lang),
                since: formatWhen(Date.parse(record.outage.since), lang),
                source: t(record.outage.source === 'observed' ? 'outageObserved' : 'outageDeclared'),
                episode: record.outage.episode,
              })}
            </dd>
          </>
        ) : null}
        <dt>{t('app')}</dt>
        <dd>{context.app}</dd>
        <dt>{t('screen')}</dt>
        <dd>
          <Redacted value={screen} />
        </dd>
        <dt>{t('address')}</dt>
        <dd class="url">
          <Redacted value={context.url} />
        </dd>
        {context.element ? (
          <>
            <dt>{t('element')}</dt>
            <dd>
              {roleLabel(context.element.role, lang)}: <Redacted value={context.element.name} />
            </dd>
          </>
        ) : null}
        <dt>{t('browser')}</dt>
        <dd>
          {context.browser.name} {context.browser.version}, {context.viewport.width}×{context.viewport.height}
        </dd>
        <dt>{t('reporter')}</dt>
        <dd>{reporter}</dd>
        <dt>{t('masks')}</dt>
        <dd>
          {masks.length > 0
            ? masks.map(([kind, n]) => `${maskLabel(kind)} × ${n}`).join(', ')
            : t('masksNone')}
        </dd>
      </dl>
      {record.screenshot ? (
        <figure class="shot">
          <img
            src={record.screenshot.dataUrl}
            width={record.screenshot.width}
            height={record.screenshot.height}
            alt={t('screenshot')}
          />
          <figcaption>{t('screenshot')}</figcaption>
        </figure>
      ) : null}
    </section>
  );
}
