import { useRef } from 'preact/hooks';
import type { Settings } from '../../utils/schema/settings';
import { FieldCheckbox } from './FieldCheckbox';
import { FieldLines } from './FieldLines';
import { FieldMessages } from './FieldMessages';
import { FieldNumber } from './FieldNumber';
import { FieldText } from './FieldText';
import { fieldId, type SettingsContext, SettingsSection } from './SettingsSection';

/** Props of the data-protection section. */
export interface SettingsPrivacyProps {
  ctx: SettingsContext;
}

type Pattern = Settings['redactionPatterns'][number];

/** Retention on the device and the organisation's own redaction patterns and terms. */
export function SettingsPrivacy({ ctx }: SettingsPrivacyProps) {
  const { t, draft, update, errors, lockedNote, lang } = ctx;
  const lockedPatterns = lockedNote('redactionPatterns');
  const addRef = useRef<HTMLButtonElement>(null);
  const patterns = draft.redactionPatterns;
  const setPatterns = (next: Pattern[]) => update('redactionPatterns', next);

  return (
    <SettingsSection id="privacy" title={t('sectionPrivacy')}>
      <FieldNumber
        id={fieldId(['retentionDays'])}
        label={t('field_retentionDays')}
        value={draft.retentionDays}
        onChange={(value) => update('retentionDays', value)}
        lang={lang}
        hint={t('hint_retentionDays')}
        errors={errors(['retentionDays'])}
        lockedNote={lockedNote('retentionDays')}
      />
      <div class="group">
        <h3 id="patterns-title">{t('field_redactionPatterns')}</h3>
        <FieldMessages
          id="f-redactionPatterns"
          hint={t('hint_redactionPatterns')}
          lockedNote={lockedPatterns}
          errors={errors(['redactionPatterns'])}
        />
        {patterns.map((pattern, index) => {
          const n = index + 1;
          const path = (field: keyof Pattern) => ['redactionPatterns', index, field];
          const change = (patch: Partial<Pattern>) =>
            setPatterns(patterns.map((existing, i) => (i === index ? { ...existing, ...patch } : existing)));
          return (
            <fieldset class="entry row2" key={index} data-testid="redaction-pattern">
              <legend>{t('patternLegend', { n })}</legend>
              <FieldText
                id={fieldId(path('name'))}
                label={t('pattern_name')}
                value={pattern.name}
                onInput={(name) => change({ name })}
                errors={errors(path('name'))}
                lockedNote={lockedPatterns}
                maxLength={60}
              />
              <FieldText
                id={fieldId(path('source'))}
                label={t('pattern_source')}
                value={pattern.source}
                onInput={(source) => change({ source })}
                errors={errors(path('source'))}
                lockedNote={lockedPatterns}
                maxLength={500}
              />
              {lockedPatterns ? null : (
                <div class="entry-actions">
                  <button
                    type="button"
                    class="small danger"
                    onClick={() => {
                      setPatterns(patterns.filter((_, i) => i !== index));
                      addRef.current?.focus();
                    }}
                  >
                    {t('removePattern', { n })}
                  </button>
                </div>
              )}
            </fieldset>
          );
        })}
        {lockedPatterns ? null : (
          <button
            type="button"
            ref={addRef}
            onClick={() => setPatterns([...patterns, { name: '', source: '' }])}
          >
            {t('addPattern')}
          </button>
        )}
      </div>
      <FieldLines
        id={fieldId(['redactionTerms'])}
        label={t('field_redactionTerms')}
        value={draft.redactionTerms}
        onChange={(value) => update('redactionTerms', value)}
        hint={t('hint_redactionTerms')}
        errors={errors(['redactionTerms'], { entries: true })}
        lockedNote={lockedNote('redactionTerms')}
        rows={4}
      />
      <FieldCheckbox
        id={fieldId(['redactAllDates'])}
        label={t('field_redactAllDates')}
        checked={draft.redactAllDates}
        onChange={(value) => update('redactAllDates', value)}
        errors={errors(['redactAllDates'])}
        lockedNote={lockedNote('redactAllDates')}
      />
    </SettingsSection>
  );
}
