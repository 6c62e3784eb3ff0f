import { useState } from 'preact/hooks';
import { toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import { SETTINGS_STRINGS, type SettingsTextKey } from '../../utils/i18n/settings';
import { WIRE_SCHEMA_VERSION } from '../../utils/schema/wire';
import { FieldNumber } from './FieldNumber';
import { FieldText } from './FieldText';
import { fieldId, type SettingsContext, SettingsSection } from './SettingsSection';

/** Props of the connection section: endpoint, token, test, sync period and batch size. */
export interface SettingsConnectionProps {
  ctx: SettingsContext;
  /**
   * Runs "Test connection" in the background. `token` undefined: use the token in force (it is
   * the organisation's and the page does not know it).
   */
  testConnection(endpoint: string, token: string | undefined): Promise<{ service: string }>;
}

type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'ok'; service: string }
  | { kind: 'error'; text: string };

/** Where records go and with which token, and a button that tells in plain words whether that works. */
export function SettingsConnection({ ctx, testConnection }: SettingsConnectionProps) {
  const { t, draft, update, errors, lockedNote, lang } = ctx;
  const [test, setTest] = useState<TestState>({ kind: 'idle' });

  const run = async () => {
    setTest({ kind: 'testing' });
    try {
      const token = lockedNote('token') ? undefined : draft.token;
      const result = await testConnection(draft.endpoint, token);
      setTest({ kind: 'ok', service: result.service });
    } catch (error) {
      const code = toErrorCode(error);
      // Endpoint problems have their own explanation; anything else is named by its general text.
      const key = `test_${code}`;
      setTest({
        kind: 'error',
        text: Object.hasOwn(SETTINGS_STRINGS[lang], key)
          ? t(key as SettingsTextKey, { version: WIRE_SCHEMA_VERSION })
          : t('test_other', { reason: ERROR_STRINGS[lang][code] }),
      });
    }
  };

  return (
    <SettingsSection id="connection" title={t('sectionConnection')}>
      <FieldText
        id={fieldId(['endpoint'])}
        label={t('field_endpoint')}
        type="url"
        value={draft.endpoint}
        onInput={(value) => update('endpoint', value)}
        hint={t('hint_endpoint')}
        errors={errors(['endpoint'])}
        lockedNote={lockedNote('endpoint')}
        placeholder="https://"
        maxLength={2000}
      />
      <FieldText
        id={fieldId(['token'])}
        label={t('field_token')}
        type="password"
        value={draft.token}
        onInput={(value) => update('token', value)}
        hint={t('hint_token')}
        errors={errors(['token'])}
        lockedNote={lockedNote('token')}
        autoComplete="off"
        revealLabel={t('showToken')}
        maxLength={500}
      />
      <div class="test">
        <button
          type="button"
          onClick={() => void run()}
          disabled={test.kind === 'testing'}
          data-testid="test-connection"
        >
          {t('testConnection')}
        </button>
        <div aria-live="polite" data-testid="test-result">
          {test.kind === 'testing' ? <p class="hint">{t('testing')}</p> : null}
          {test.kind === 'ok' ? (
            <p class="ok" data-result="ok">
              {t('test_ok', { service: test.service })}
            </p>
          ) : null}
          {test.kind === 'error' ? (
            <p class="error" data-result="error">
              {test.text}
            </p>
          ) : null}
        </div>
      </div>
      <FieldNumber
        id={fieldId(['syncPeriodMinutes'])}
        label={t('field_syncPeriodMinutes')}
        value={draft.syncPeriodMinutes}
        onChange={(value) => update('syncPeriodMinutes', value)}
        lang={lang}
        decimal
        hint={t('hint_syncPeriodMinutes')}
        errors={errors(['syncPeriodMinutes'])}
        lockedNote={lockedNote('syncPeriodMinutes')}
      />
      <FieldNumber
        id={fieldId(['batchSize'])}
        label={t('field_batchSize')}
        value={draft.batchSize}
        onChange={(value) => update('batchSize', value)}
        lang={lang}
        hint={t('hint_batchSize')}
        errors={errors(['batchSize'])}
        lockedNote={lockedNote('batchSize')}
      />
    </SettingsSection>
  );
}
