import type { ComponentChildren } from 'preact';
import type { Lang } from '../../utils/i18n/lang';
import type { SettingsT } from '../../utils/i18n/settings';
import type { ConfigurableKey, Settings } from '../../utils/schema/settings';
import type { FieldIssue } from '../../utils/schema/settings-status';

/** A path into the settings, as in field issues: `['sites', 2, 'pattern']`. */
export type FieldPath = FieldIssue['path'];

/** What every section of the settings page gets from the page: the draft and how to change and check it. */
export interface SettingsContext {
  lang: Lang;
  t: SettingsT;
  /** The settings as edited, not yet saved (numbers may be NaN while typed). */
  draft: Settings;
  update<K extends ConfigurableKey>(key: K, value: Settings[K]): void;
  /** Translated errors at exactly `path`; with `entries`, also those of its list entries ("Eintrag 3: …"). */
  errors(path: FieldPath, options?: { entries?: boolean }): string[];
  /** The "set by your organisation" note when the policy sets `key`, else undefined. */
  lockedNote(key: ConfigurableKey): string | undefined;
}

/** The element id of the input for `path`; error summary links use it too. */
export function fieldId(path: FieldPath): string {
  return `f-${path.join('-')}`;
}

/** Props of one titled section of the settings page. */
export interface SettingsSectionProps {
  id: string;
  title: string;
  children: ComponentChildren;
}

/** A section with a heading that names it for assistive technology. */
export function SettingsSection({ id, title, children }: SettingsSectionProps) {
  return (
    <section class="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
