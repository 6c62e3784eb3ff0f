import type { ErrorCode } from '../errors';
import type { ConfigurableKey } from '../schema/settings';
import type { FieldIssue, IssueCode, PolicyWarning } from '../schema/settings-status';
import { format } from './format';
import type { Lang } from './lang';

/** Strings of the settings page (entrypoints/options). */
export const SETTINGS_STRINGS = {
  de: {
    pageTitle: 'Mitsprache – Einstellungen',
    intro:
      'Hier legen Sie fest, wohin Rückmeldungen gesendet werden und auf welchen Anwendungen der Feedback-Knopf erscheint.',
    loading: 'Einstellungen werden geladen …',
    loadFailed: 'Die Einstellungen konnten nicht geladen werden. Bitte laden Sie die Seite neu.',
    lockedNote: 'Von Ihrer Organisation festgelegt',
    policyIntro:
      'Ihre Organisation hat {n} Einstellungen festgelegt. Sie sind hier gesperrt und können nur von Ihrer IT geändert werden.',
    policyWarningsTitle: 'Hinweise zur Vorgabe Ihrer Organisation',
    warning_unknown_key: 'Die Vorgabe enthält die unbekannte Einstellung „{key}“. Sie wird nicht beachtet.',
    warning_ignored_value:
      '„{field}“: Der vorgegebene Wert ist ungültig und wird nicht beachtet ({reason}). Es gilt der Wert auf diesem Gerät.',
    warning_ignored_entry:
      '„{field}“, Eintrag {n}: ungültig und nicht beachtet ({reason}). Die übrigen Einträge gelten.',

    sectionConnection: 'Verbindung zum Empfänger',
    sectionSites: 'Anwendungen',
    sectionFeedback: 'Rückmeldungen',
    sectionPrivacy: 'Datenschutz',
    sectionDisplay: 'Darstellung',
    sectionTransfer: 'Einstellungen übertragen',

    field_endpoint: 'Empfangsadresse',
    hint_endpoint:
      'Adresse des Mitsprache-Empfängers, z. B. https://feedback.jobcenter.example/api/v1/feedback. Leer lassen: Rückmeldungen warten auf diesem Gerät.',
    field_token: 'Zugangsschlüssel',
    hint_token:
      'Erhalten Sie von der Stelle, die den Empfänger betreibt. Wird nur an die Empfangsadresse gesendet.',
    showToken: 'Zugangsschlüssel anzeigen',
    field_syncPeriodMinutes: 'Übertragung alle … Minuten',
    hint_syncPeriodMinutes: 'Zwischen 0,5 und 1440 Minuten.',
    field_batchSize: 'Rückmeldungen je Übertragung',
    hint_batchSize: 'Zwischen 1 und 500.',
    testConnection: 'Verbindung testen',
    testing: 'Verbindung wird geprüft …',
    test_ok:
      'Alles in Ordnung: Der Empfänger ({service}) ist erreichbar, nimmt den Zugangsschlüssel an und versteht unser Datenformat.',
    test_no_endpoint: 'Bitte geben Sie zuerst eine Empfangsadresse ein.',
    test_endpoint_insecure:
      'Die Adresse muss mit https:// beginnen. http:// ist nur für Tests auf diesem Rechner (localhost) erlaubt.',
    test_endpoint_unreachable:
      'Keine Verbindung: Unter dieser Adresse antwortet niemand. Bitte prüfen Sie die Schreibweise, das Netzwerk oder VPN – oder ob der Empfänger läuft.',
    test_endpoint_tls:
      'Der Rechner antwortet, aber die sichere Verbindung (TLS) scheitert. Meist vertraut der Browser dem Zertifikat nicht, oder es ist abgelaufen. Bitte wenden Sie sich an Ihre IT.',
    test_endpoint_unauthorized:
      'Der Empfänger ist erreichbar, lehnt aber den Zugangsschlüssel ab (HTTP 401/403). Bitte prüfen Sie den Zugangsschlüssel.',
    test_endpoint_schema:
      'Der Empfänger ist erreichbar, versteht aber unser Datenformat (Version {version}) nicht. Der Empfänger oder die Erweiterung muss aktualisiert werden.',
    test_endpoint_not_found:
      'Der Rechner antwortet, aber unter diesem Pfad gibt es keinen Mitsprache-Empfänger. Bitte prüfen Sie die Adresse (sie endet meist auf /api/v1/feedback).',
    test_endpoint_bad_reply:
      'Unter dieser Adresse antwortet ein Server, aber kein Mitsprache-Empfänger. Bitte prüfen Sie die Adresse.',
    test_endpoint_error:
      'Der Empfänger meldet einen Fehler. Bitte versuchen Sie es später noch einmal oder wenden Sie sich an den Betrieb.',
    test_other: 'Der Test ist fehlgeschlagen: {reason}',

    field_sites: 'Anwendungen mit Feedback-Knopf',
    hint_sites:
      'Auf Seiten, deren Adresse zu einem Muster passt, erscheint der Feedback-Knopf. Für jede Anwendung fragt der Browser einmal um Erlaubnis.',
    siteLegend: 'Anwendung {n}: {app}',
    siteUnnamed: 'ohne Namen',
    site_pattern: 'Adressmuster',
    hint_site_pattern: 'Zum Beispiel https://eakte.jobcenter.example/* – ein * steht für beliebige Zeichen.',
    site_app: 'Name der Anwendung',
    site_screenSelectors: 'Wo der Bildschirmname steht (CSS-Selektoren)',
    site_allowedParams: 'Erlaubte Adress-Parameter',
    site_sensitiveSelectors: 'Weitere vertrauliche Bereiche (CSS-Selektoren)',
    linesHint: 'Ein Eintrag pro Zeile.',
    addSite: 'Anwendung hinzufügen',
    removeSite: 'Anwendung {n} entfernen',
    sitesEmpty: 'Noch keine Anwendung eingetragen.',
    permission_granted: 'Berechtigung erteilt',
    permission_missing: 'Berechtigung fehlt – der Knopf erscheint hier noch nicht',
    permission_revoked: 'Berechtigung wurde entzogen – der Knopf erscheint hier nicht mehr',
    permission_unsaved: 'Neu – Berechtigung wird beim Speichern erfragt',
    grantPermission: 'Berechtigung erteilen',
    grantAll: 'Alle fehlenden Berechtigungen erteilen',
    permissionsMissing:
      'Für {n} Anwendungen fehlt die Berechtigung. Dort erscheint der Feedback-Knopf nicht.',
    permissionDeclined:
      'Die Berechtigung wurde nicht erteilt. Auf diesen Seiten erscheint der Feedback-Knopf nicht.',

    field_categories: 'Arten von Rückmeldungen',
    hint_categories:
      'Die Kennung wird mitgesendet und sollte sich nicht mehr ändern, wenn schon Rückmeldungen eingegangen sind.',
    categoryLegend: 'Art {n}',
    category_id: 'Kennung',
    category_de: 'Bezeichnung (Deutsch)',
    category_en: 'Bezeichnung (Englisch)',
    addCategory: 'Art hinzufügen',
    removeCategory: 'Art {n} entfernen',
    moveUp: 'Art {n} nach oben',
    moveDown: 'Art {n} nach unten',
    field_reporterMode: 'Wer eine Rückmeldung gegeben hat',
    reporter_none: 'Niemand wird genannt (anonym)',
    reporter_unit: 'Nur das Team oder die Dienststelle',
    reporter_pseudonym: 'Ein Pseudonym je Gerät (für Rückfragen, ohne Namen)',
    field_unitLabel: 'Team oder Dienststelle',
    hint_unitLabel: 'Zum Beispiel „Team Leistung 3“. Wird mitgesendet, wenn oben „Nur das Team“ gewählt ist.',
    field_screenshotsAllowed: 'Bildschirmfotos erlauben (vertrauliche Bereiche werden geschwärzt)',
    field_questionsEnabled: 'Kurze Fragen der Digitalisierungsbeauftragten am Bildschirm anzeigen',
    field_questionPrompt: 'Offene Fragen einmal kurz am Bildschirm anbieten (nie während einer Eingabe)',
    field_questionPromptsPerDay: 'Höchstens so viele Hinweise auf Fragen je Tag',
    hint_questionPromptsPerDay: 'In 24 Stunden. Zwischen 0 und 20.',
    field_questionPromptsPerWeek: 'Höchstens so viele Hinweise auf Fragen je Woche',
    hint_questionPromptsPerWeek: 'In 7 Tagen. Zwischen 0 und 100.',
    field_buttonCorner: 'Position des Feedback-Knopfs',
    corner_bottom_right: 'Unten rechts',
    corner_bottom_left: 'Unten links',
    corner_top_right: 'Oben rechts',
    corner_top_left: 'Oben links',

    field_retentionDays: 'Gesendete Rückmeldungen auf diesem Gerät aufbewahren (Tage)',
    hint_retentionDays: 'Danach werden sie hier gelöscht. Zwischen 1 und 3650.',
    field_redactionPatterns: 'Eigene Suchmuster für Kundendaten',
    hint_redactionPatterns:
      'Reguläre Ausdrücke, z. B. für örtliche Aktenzeichen. Treffer werden vor dem Speichern unkenntlich gemacht.',
    patternLegend: 'Suchmuster {n}',
    pattern_name: 'Name',
    pattern_source: 'Regulärer Ausdruck',
    addPattern: 'Suchmuster hinzufügen',
    removePattern: 'Suchmuster {n} entfernen',
    field_redactionTerms: 'Begriffe, die immer unkenntlich gemacht werden',
    hint_redactionTerms: 'Zum Beispiel Namen örtlicher Träger. Ein Begriff pro Zeile.',
    field_redactAllDates: 'Alle Datumsangaben unkenntlich machen, nicht nur Geburtsdaten',

    field_uiLanguage: 'Sprache',
    lang_auto: 'Wie der Browser',
    lang_de: 'Deutsch',
    lang_en: 'Englisch',

    exportHeading: 'Exportieren',
    exportHint:
      'Speichert die Einstellungen als JSON-Datei, z. B. um sie auf einen anderen Rechner zu übertragen.',
    includeToken: 'Zugangsschlüssel mit exportieren',
    exportButton: 'Einstellungen exportieren',
    importHeading: 'Importieren',
    importHint: 'Übernimmt eine exportierte Datei. Ist ein Wert ungültig, wird nichts übernommen.',
    importButton: 'Datei zum Import auswählen',
    imported: 'Die Datei wurde übernommen und gespeichert.',
    importSkippedLocked: 'Nicht übernommen, weil von Ihrer Organisation festgelegt: {fields}.',
    importFailed: 'Die Datei wurde nicht übernommen. Nichts wurde geändert:',

    save: 'Speichern',
    saving: 'Wird gespeichert …',
    saved: 'Gespeichert. Die Einstellungen gelten sofort.',
    errorSummary: 'Bitte korrigieren Sie {n} Angaben. Es wurde nichts gespeichert.',
    saveFailed: 'Speichern fehlgeschlagen: {reason}',
    policyChanged: 'Ihre Organisation hat die Vorgaben geändert; die Seite zeigt den neuen Stand.',
    entry: 'Eintrag {n}',

    issue_required: 'Bitte ausfüllen.',
    issue_too_short: 'Zu kurz (mindestens {limit} Zeichen).',
    issue_too_long: 'Zu lang (höchstens {limit} Zeichen).',
    issue_too_few: 'Mindestens {limit} Einträge nötig.',
    issue_too_many: 'Zu viele Einträge (höchstens {limit}).',
    issue_number_too_small: 'Zu klein (mindestens {limit}).',
    issue_number_too_large: 'Zu groß (höchstens {limit}).',
    issue_not_integer: 'Bitte eine ganze Zahl eingeben.',
    issue_not_a_number: 'Bitte eine Zahl eingeben.',
    issue_wrong_type: 'Dieser Wert hat die falsche Form.',
    issue_invalid_choice: 'Dieser Wert ist nicht vorgesehen.',
    issue_endpoint_insecure:
      'Die Adresse muss mit https:// beginnen (http:// nur für localhost) und darf keinen Benutzernamen enthalten.',
    issue_match_pattern: 'Kein gültiges Adressmuster. Beispiel: https://eakte.jobcenter.example/*',
    issue_regex_invalid: 'Kein gültiger regulärer Ausdruck.',
    issue_category_id: 'Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 40 Zeichen.',
    issue_duplicate: 'Kommt doppelt vor.',
    issue_unknown_setting: 'Unbekannte Einstellung.',
    issue_not_json: 'Die Datei ist keine gültige Mitsprache-Einstellungsdatei (JSON).',
    issue_invalid: 'Ungültiger Wert.',
  },
  en: {
    pageTitle: 'Mitsprache – Settings',
    intro: 'Set where feedback is sent and on which applications the feedback button appears.',
    loading: 'Loading settings …',
    loadFailed: 'The settings could not be loaded. Please reload the page.',
    lockedNote: 'Set by your organisation',
    policyIntro:
      'Your organisation has set {n} settings. They are locked here and can only be changed by your IT.',
    policyWarningsTitle: "Notes on your organisation's policy",
    warning_unknown_key: 'The policy contains the unknown setting “{key}”. It is ignored.',
    warning_ignored_value:
      '“{field}”: the value set by policy is invalid and ignored ({reason}). The value on this device applies.',
    warning_ignored_entry: '“{field}”, entry {n}: invalid and ignored ({reason}). The other entries apply.',

    sectionConnection: 'Connection to the receiver',
    sectionSites: 'Applications',
    sectionFeedback: 'Feedback',
    sectionPrivacy: 'Data protection',
    sectionDisplay: 'Display',
    sectionTransfer: 'Transfer settings',

    field_endpoint: 'Endpoint',
    hint_endpoint:
      'Address of the Mitsprache receiver, e.g. https://feedback.jobcenter.example/api/v1/feedback. Leave empty: feedback waits on this device.',
    field_token: 'Access token',
    hint_token: 'You get it from whoever runs the receiver. It is only sent to the endpoint.',
    showToken: 'Show access token',
    field_syncPeriodMinutes: 'Transfer every … minutes',
    hint_syncPeriodMinutes: 'Between 0.5 and 1440 minutes.',
    field_batchSize: 'Feedback items per transfer',
    hint_batchSize: 'Between 1 and 500.',
    testConnection: 'Test connection',
    testing: 'Checking the connection …',
    test_ok:
      'All good: the receiver ({service}) is reachable, accepts the access token and understands our data format.',
    test_no_endpoint: 'Please enter an endpoint first.',
    test_endpoint_insecure:
      'The address must start with https://. http:// is only allowed for tests on this computer (localhost).',
    test_endpoint_unreachable:
      'No connection: nothing answers at this address. Please check the spelling, the network or VPN – or whether the receiver is running.',
    test_endpoint_tls:
      'The computer answers, but the secure connection (TLS) fails. Usually the browser does not trust the certificate, or it has expired. Please contact your IT.',
    test_endpoint_unauthorized:
      'The receiver is reachable but refuses the access token (HTTP 401/403). Please check the access token.',
    test_endpoint_schema:
      'The receiver is reachable but does not understand our data format (version {version}). The receiver or the extension needs an update.',
    test_endpoint_not_found:
      'The computer answers, but there is no Mitsprache receiver at this path. Please check the address (it usually ends in /api/v1/feedback).',
    test_endpoint_bad_reply:
      'A server answers at this address, but it is not a Mitsprache receiver. Please check the address.',
    test_endpoint_error: 'The receiver reports an error. Please try again later or contact its operators.',
    test_other: 'The test failed: {reason}',

    field_sites: 'Applications with the feedback button',
    hint_sites:
      'The feedback button appears on pages whose address matches a pattern. The browser asks once for permission for each application.',
    siteLegend: 'Application {n}: {app}',
    siteUnnamed: 'unnamed',
    site_pattern: 'Address pattern',
    hint_site_pattern: 'For example https://eakte.jobcenter.example/* – a * stands for any characters.',
    site_app: 'Application name',
    site_screenSelectors: 'Where the screen name is (CSS selectors)',
    site_allowedParams: 'Allowed address parameters',
    site_sensitiveSelectors: 'Further confidential areas (CSS selectors)',
    linesHint: 'One entry per line.',
    addSite: 'Add application',
    removeSite: 'Remove application {n}',
    sitesEmpty: 'No application yet.',
    permission_granted: 'Permission granted',
    permission_missing: 'Permission missing – the button does not appear here yet',
    permission_revoked: 'Permission was revoked – the button no longer appears here',
    permission_unsaved: 'New – permission will be requested on saving',
    grantPermission: 'Grant permission',
    grantAll: 'Grant all missing permissions',
    permissionsMissing:
      'Permission is missing for {n} applications. The feedback button does not appear there.',
    permissionDeclined: 'Permission was not granted. The feedback button does not appear on these pages.',

    field_categories: 'Kinds of feedback',
    hint_categories: 'The identifier is sent along and should not change once feedback has been received.',
    categoryLegend: 'Kind {n}',
    category_id: 'Identifier',
    category_de: 'Label (German)',
    category_en: 'Label (English)',
    addCategory: 'Add kind',
    removeCategory: 'Remove kind {n}',
    moveUp: 'Move kind {n} up',
    moveDown: 'Move kind {n} down',
    field_reporterMode: 'Who gave the feedback',
    reporter_none: 'Nobody is named (anonymous)',
    reporter_unit: 'Only the team or office',
    reporter_pseudonym: 'A pseudonym per device (for follow-up questions, without names)',
    field_unitLabel: 'Team or office',
    hint_unitLabel: 'For example “Team Benefits 3”. Sent along when “Only the team” is chosen above.',
    field_screenshotsAllowed: 'Allow screenshots (confidential areas are blacked out)',
    field_questionsEnabled: 'Show short questions from the digitalisation officers on the screen',
    field_questionPrompt: 'Offer open questions once on the screen (never while typing)',
    field_questionPromptsPerDay: 'At most this many question prompts per day',
    hint_questionPromptsPerDay: 'In 24 hours. Between 0 and 20.',
    field_questionPromptsPerWeek: 'At most this many question prompts per week',
    hint_questionPromptsPerWeek: 'In 7 days. Between 0 and 100.',
    field_buttonCorner: 'Position of the feedback button',
    corner_bottom_right: 'Bottom right',
    corner_bottom_left: 'Bottom left',
    corner_top_right: 'Top right',
    corner_top_left: 'Top left',

    field_retentionDays: 'Keep sent feedback on this device (days)',
    hint_retentionDays: 'After that it is deleted here. Between 1 and 3650.',
    field_redactionPatterns: 'Own search patterns for client data',
    hint_redactionPatterns:
      'Regular expressions, e.g. for local file numbers. Matches are masked before saving.',
    patternLegend: 'Search pattern {n}',
    pattern_name: 'Name',
    pattern_source: 'Regular expression',
    addPattern: 'Add search pattern',
    removePattern: 'Remove search pattern {n}',
    field_redactionTerms: 'Terms that are always masked',
    hint_redactionTerms: 'For example names of local partner organisations. One term per line.',
    field_redactAllDates: 'Mask all dates, not only dates of birth',

    field_uiLanguage: 'Language',
    lang_auto: 'Same as the browser',
    lang_de: 'German',
    lang_en: 'English',

    exportHeading: 'Export',
    exportHint: 'Saves the settings as a JSON file, e.g. to move them to another computer.',
    includeToken: 'Include the access token',
    exportButton: 'Export settings',
    importHeading: 'Import',
    importHint: 'Takes over an exported file. If any value is invalid, nothing is taken over.',
    importButton: 'Choose a file to import',
    imported: 'The file was taken over and saved.',
    importSkippedLocked: 'Not taken over because set by your organisation: {fields}.',
    importFailed: 'The file was not taken over. Nothing was changed:',

    save: 'Save',
    saving: 'Saving …',
    saved: 'Saved. The settings apply at once.',
    errorSummary: 'Please correct {n} entries. Nothing was saved.',
    saveFailed: 'Saving failed: {reason}',
    policyChanged: 'Your organisation changed its policy; the page shows the new state.',
    entry: 'Entry {n}',

    issue_required: 'Please fill in.',
    issue_too_short: 'Too short (at least {limit} characters).',
    issue_too_long: 'Too long (at most {limit} characters).',
    issue_too_few: 'At least {limit} entries needed.',
    issue_too_many: 'Too many entries (at most {limit}).',
    issue_number_too_small: 'Too small (at least {limit}).',
    issue_number_too_large: 'Too large (at most {limit}).',
    issue_not_integer: 'Please enter a whole number.',
    issue_not_a_number: 'Please enter a number.',
    issue_wrong_type: 'This value has the wrong form.',
    issue_invalid_choice: 'This value is not one of the options.',
    issue_endpoint_insecure:
      'The address must start with https:// (http:// only for localhost) and contain no user name.',
    issue_match_pattern: 'Not a valid address pattern. Example: https://eakte.jobcenter.example/*',
    issue_regex_invalid: 'Not a valid regular expression.',
    issue_category_id: 'Only lower-case letters, digits and hyphens, at most 40 characters.',
    issue_duplicate: 'Appears twice.',
    issue_unknown_setting: 'Unknown setting.',
    issue_not_json: 'The file is not a valid Mitsprache settings file (JSON).',
    issue_invalid: 'Invalid value.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type SettingsTextKey = keyof (typeof SETTINGS_STRINGS)['de'];
export type SettingsT = (key: SettingsTextKey, values?: Record<string, string | number>) => string;

/** Error codes "Test connection" explains in its own words (others fall back to test_other). */
export type TestCode = Extract<ErrorCode, `endpoint_${string}` | 'no_endpoint'>;

// Every setting has a label and every issue code a text, in both languages; a new key without
// them fails to compile.
type RequiredKeys = `field_${ConfigurableKey}` | `issue_${IssueCode}` | `test_${TestCode}`;
const _complete: Record<Lang, Record<RequiredKeys, string>> = SETTINGS_STRINGS;
void _complete;

/** The settings page's translator for one language. */
export function settingsT(lang: Lang): SettingsT {
  const strings: Record<SettingsTextKey, string> = SETTINGS_STRINGS[lang];
  return (key, values) => format(strings[key], values);
}

/** Label prefixes of the fields inside list entries (`['sites', 2, 'pattern']` → site_pattern). */
const ENTRY_FIELD_PREFIX: Partial<Record<ConfigurableKey, string>> = {
  sites: 'site_',
  categories: 'category_',
  redactionPatterns: 'pattern_',
};

function hasKey(lang: Lang, key: string): key is SettingsTextKey {
  return Object.hasOwn(SETTINGS_STRINGS[lang], key);
}

/** Numbers as the language writes them (0,5 in German). */
function localNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(value);
}

/** The text of one field issue, e.g. "Zu lang (höchstens 100 Zeichen)." */
export function issueText(lang: Lang, issue: FieldIssue): string {
  const t = settingsT(lang);
  return t(`issue_${issue.code}`, issue.limit === undefined ? {} : { limit: localNumber(lang, issue.limit) });
}

/**
 * Where an issue is, in words: "Anwendungen mit Feedback-Knopf › Eintrag 2 › Adressmuster".
 * Unknown keys (from an imported file or a policy) are shown as they are.
 */
export function fieldPathLabel(lang: Lang, path: FieldIssue['path']): string {
  const t = settingsT(lang);
  const [key, index, inner] = path;
  if (key === undefined) return '';
  const parts: string[] = [];
  const fieldKey = `field_${String(key)}`;
  parts.push(hasKey(lang, fieldKey) ? t(fieldKey) : String(key));
  if (typeof index === 'number') parts.push(t('entry', { n: index + 1 }));
  const prefix = ENTRY_FIELD_PREFIX[key as ConfigurableKey];
  if (inner !== undefined && prefix) {
    const innerKey = `${prefix}${String(inner)}`;
    parts.push(hasKey(lang, innerKey) ? t(innerKey) : String(inner));
  }
  return parts.join(' › ');
}

/** One policy warning as a sentence. */
export function policyWarningText(lang: Lang, warning: PolicyWarning): string {
  const t = settingsT(lang);
  const fieldKey = `field_${warning.key}`;
  const field = hasKey(lang, fieldKey) ? t(fieldKey) : warning.key;
  const reason = warning.issue
    ? issueText(lang, warning.issue).replace(/\.$/, '')
    : t('issue_invalid').replace(/\.$/, '');
  switch (warning.kind) {
    case 'unknown_key':
      return t('warning_unknown_key', { key: warning.key });
    case 'ignored_entry':
      return t('warning_ignored_entry', { field, n: (warning.index ?? 0) + 1, reason });
    default:
      return t('warning_ignored_value', { field, reason });
  }
}
