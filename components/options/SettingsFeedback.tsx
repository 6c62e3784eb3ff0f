import type { ButtonCorner, ReporterMode } from '../../utils/schema/settings';
import { FieldCheckbox } from './FieldCheckbox';
import { FieldNumber } from './FieldNumber';
import { FieldSelect } from './FieldSelect';
import { FieldText } from './FieldText';
import { SettingsCategories } from './SettingsCategories';
import { fieldId, type SettingsContext, SettingsSection } from './SettingsSection';

/** Props of the feedback section. */
export interface SettingsFeedbackProps {
  ctx: SettingsContext;
}

type Mode = (typeof ReporterMode.options)[number];
type Corner = (typeof ButtonCorner.options)[number];

/** Categories, who is named as reporter, screenshots, and where the button sits. */
export function SettingsFeedback({ ctx }: SettingsFeedbackProps) {
  const { t, draft, update, errors, lockedNote, lang } = ctx;
  return (
    <SettingsSection id="feedback" title={t('sectionFeedback')}>
      <SettingsCategories ctx={ctx} />
      <FieldSelect<Mode>
        id={fieldId(['reporterMode'])}
        label={t('field_reporterMode')}
        value={draft.reporterMode}
        onChange={(value) => update('reporterMode', value)}
        options={[
          { value: 'none', label: t('reporter_none') },
          { value: 'unit', label: t('reporter_unit') },
          { value: 'pseudonym', label: t('reporter_pseudonym') },
        ]}
        errors={errors(['reporterMode'])}
        lockedNote={lockedNote('reporterMode')}
      />
      <FieldText
        id={fieldId(['unitLabel'])}
        label={t('field_unitLabel')}
        value={draft.unitLabel}
        onInput={(value) => update('unitLabel', value)}
        hint={t('hint_unitLabel')}
        errors={errors(['unitLabel'])}
        lockedNote={lockedNote('unitLabel')}
        maxLength={100}
      />
      <FieldCheckbox
        id={fieldId(['screenshotsAllowed'])}
        label={t('field_screenshotsAllowed')}
        checked={draft.screenshotsAllowed}
        onChange={(value) => update('screenshotsAllowed', value)}
        errors={errors(['screenshotsAllowed'])}
        lockedNote={lockedNote('screenshotsAllowed')}
      />
      <FieldSelect<Corner>
        id={fieldId(['buttonCorner'])}
        label={t('field_buttonCorner')}
        value={draft.buttonCorner}
        onChange={(value) => update('buttonCorner', value)}
        options={[
          { value: 'bottom-right', label: t('corner_bottom_right') },
          { value: 'bottom-left', label: t('corner_bottom_left') },
          { value: 'top-right', label: t('corner_top_right') },
          { value: 'top-left', label: t('corner_top_left') },
        ]}
        errors={errors(['buttonCorner'])}
        lockedNote={lockedNote('buttonCorner')}
      />
      <FieldCheckbox
        id={fieldId(['questionsEnabled'])}
        label={t('field_questionsEnabled')}
        checked={draft.questionsEnabled}
        onChange={(value) => update('questionsEnabled', value)}
        errors={errors(['questionsEnabled'])}
        lockedNote={lockedNote('questionsEnabled')}
      />
      <FieldCheckbox
        id={fieldId(['questionPrompt'])}
        label={t('field_questionPrompt')}
        checked={draft.questionPrompt}
        onChange={(value) => update('questionPrompt', value)}
        errors={errors(['questionPrompt'])}
        lockedNote={lockedNote('questionPrompt')}
      />
      <FieldNumber
        id={fieldId(['questionPromptsPerDay'])}
        label={t('field_questionPromptsPerDay')}
        value={draft.questionPromptsPerDay}
        onChange={(value) => update('questionPromptsPerDay', value)}
        lang={lang}
        hint={t('hint_questionPromptsPerDay')}
        errors={errors(['questionPromptsPerDay'])}
        lockedNote={lockedNote('questionPromptsPerDay')}
      />
      <FieldNumber
        id={fieldId(['questionPromptsPerWeek'])}
        label={t('field_questionPromptsPerWeek')}
        value={draft.questionPromptsPerWeek}
        onChange={(value) => update('questionPromptsPerWeek', value)}
        lang={lang}
        hint={t('hint_questionPromptsPerWeek')}
        errors={errors(['questionPromptsPerWeek'])}
        lockedNote={lockedNote('questionPromptsPerWeek')}
      />
    </SettingsSection>
  );
}
