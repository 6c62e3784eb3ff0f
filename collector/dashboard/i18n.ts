import type { MaskKind } from '../../utils/redact/kinds';
import type { Impact } from '../../utils/schema/record';
import { DEFAULT_CATEGORIES } from '../../utils/schema/settings';
import type { OfficerStatus } from '../../utils/schema/wire';

/** Dashboard languages; German first, it is the officers' working language. */
export type Lang = 'de' | 'en';

/** Cookie that keeps the language chosen with the switch. */
export const LANG_COOKIE = 'mitsprache_lang';

const de = {
  appName: 'Mitsprache – Auswertung',
  skipToContent: 'Zum Inhalt springen',
  mainNav: 'Hauptnavigation',
  navInbox: 'Eingang',
  navHotspots: 'Brennpunkte',
  signOut: 'Abmelden',
  signedInAs: 'Angemeldet als {user}',
  language: 'Sprache',

  signInTitle: 'Anmeldung für Digitalisierungsbeauftragte',
  user: 'Benutzername',
  password: 'Passwort',
  signIn: 'Anmelden',

  inboxTitle: 'Eingang',
  filters: 'Filter',
  from: 'Erstellt ab (Datum)',
  to: 'Erstellt bis einschließlich (Datum)',
  app: 'Anwendung',
  route: 'Bildschirm (Route)',
  category: 'Kategorie',
  impact: 'Auswirkung',
  appointment: 'Im Kundentermin',
  status: 'Status',
  unit: 'Organisationseinheit',
  search: 'Suche in Notizen',
  applyFilters: 'Filter anwenden',
  resetFilters: 'Filter zurücksetzen',
  any: 'Alle',
  yes: 'ja',
  no: 'nein',
  statusNew: 'Neu (unbearbeitet)',
  created: 'Erstellt',
  received: 'Empfangen',
  screen: 'Bildschirm',
  minutes: 'Verlorene Minuten',
  note: 'Notiz',
  select: 'Auswählen',
  selectRecord: 'Rückmeldung vom {date} auswählen',
  selectAll: 'Alle auf dieser Seite auswählen',
  results: '{n} Rückmeldungen',
  resultsOne: '1 Rückmeldung',
  resultsMore: 'Mehr als {n} Rückmeldungen',
  noResults: 'Keine Rückmeldungen für diese Filter.',
  pages: 'Seiten',
  pageOf: 'Seite {page}',
  previous: 'Vorherige Seite',
  next: 'Nächste Seite',
  sortBy: 'Sortieren nach {column}',
  sortedAsc: 'aufsteigend sortiert',
  sortedDesc: 'absteigend sortiert',
  sort: 'Sortierung',
  direction: 'Richtung',
  ascending: 'aufsteigend',
  descending: 'absteigend',
  exportTitle: 'Export (aktuelle Filter)',
  exportCsv: 'CSV für Excel',
  separator: 'Trennzeichen',
  semicolon: 'Semikolon (;)',
  comma: 'Komma (,)',
  exportJson: 'JSON',
  exportNdjson: 'NDJSON',
  download: 'Herunterladen',
  format: 'Format',
  bulkTitle: 'Ausgewählte Rückmeldungen bearbeiten',
  action: 'Aktion',
  actionStatus: 'Status und Antwort setzen',
  actionDuplicate: 'Als Duplikate markieren',
  newStatus: 'Neuer Status',
  reply: 'Antwort an die Sachbearbeitung',
  replyBulkHint: 'Leer lassen, um vorhandene Antworten zu behalten.',
  replyHint: 'Leer lassen, um die Antwort zu entfernen. Höchstens 2000 Zeichen.',
  duplicateTarget: 'Duplikat von (ID der ursprünglichen Rückmeldung)',
  duplicateTargetHint: 'Leer lassen: die erste ausgewählte Rückmeldung gilt als ursprüngliche.',
  applyToSelection: 'Auf Auswahl anwenden',
  duplicateBadge: 'Duplikat',
  noticeBulk: '{n} Rückmeldungen geändert.',
  noticeSaved: 'Gespeichert.',
  noticeDuplicate: 'Als Duplikat markiert.',
  noticeUnduplicate: 'Duplikat-Markierung entfernt.',

  detailTitle: 'Rückmeldung',
  backToInbox: 'Zurück zum Eingang',
  batch: 'Sendung',
  context: 'Kontext (geschwärzt)',
  url: 'Adresse',
  pageTitle: 'Seitentitel',
  heading: 'Überschrift',
  breadcrumb: 'Brotkrumen',
  frame: 'Rahmen',
  frameTop: 'Hauptfenster',
  navigation: 'Navigation',
  step: 'Schritt',
  tab: 'Reiter',
  form: 'Formular',
  box: 'Position und Größe (px)',
  frameN: 'Rahmen {n}',
  masked: '{list} maskiert',
  dateHint: 'Format TT.MM.JJJJ, z. B. 31.12.2026',
  sameScreen: 'Ähnliche Rückmeldungen zu diesem Bildschirm (letzte {weeks} Wochen)',
  sameScreenNone: 'Keine anderen Rückmeldungen zu diesem Bildschirm in den letzten {weeks} Wochen.',
  otherId: 'Andere Rückmeldung (ID, auch von anderen Bildschirmen)',
  otherIdHint: 'Nur nötig, wenn die ursprüngliche Rückmeldung oben nicht aufgeführt ist.',
  openRecord: 'Öffnen',
  viewport: 'Fenstergröße',
  browser: 'Browser',
  extensionVersion: 'Erweiterungsversion',
  sinceLoad: 'Sekunden seit dem Laden',
  element: 'Ausgewähltes Element',
  role: 'Rolle',
  name: 'Name',
  selector: 'Selektor',
  noElement: 'Kein Element ausgewählt.',
  screenshot: 'Bildschirmfoto (maskiert)',
  screenshotAlt: 'Maskiertes Bildschirmfoto zu dieser Rückmeldung ({masks} Maskierungen)',
  noScreenshot: 'Kein Bildschirmfoto.',
  redactions: 'Maskierungen auf dem Gerät',
  none: 'keine',
  reporter: 'Absender',
  reporterNone: 'anonym',
  reporterPseudonym: 'Pseudonym {id}',
  workflow: 'Bearbeitung',
  currentStatus: 'Aktueller Status',
  save: 'Speichern',
  history: 'Verlauf',
  noHistory: 'Noch nicht bearbeitet.',
  when: 'Zeitpunkt',
  by: 'Durch',
  duplicates: 'Duplikate',
  duplicateOf: 'Duplikat von',
  duplicatesOfThis: 'Als Duplikate dieser Rückmeldung markiert',
  markDuplicate: 'Als Duplikat markieren',
  clearDuplicate: 'Markierung entfernen',
  rawRecord: 'Datensatz wie empfangen (JSON)',

  hotspotsTitle: 'Brennpunkte',
  rankBy: 'Rangfolge nach',
  metricCount: 'Anzahl',
  metricScore: 'Gewichtete Auswirkung (blockiert = 3, hält auf = 2, geringfügig = 1)',
  metricScoreShort: 'Gewichtet',
  metricMinutes: 'Verlorene Minuten',
  period: 'Zeitraum',
  weeks: 'letzte {n} Wochen',
  allTime: 'gesamter Zeitraum',
  asOf: 'Stichtag',
  show: 'Anzeigen',
  rank: 'Rang',
  thisWeek: 'Diese Woche',
  lastWeek: 'Vorwoche',
  change: 'Veränderung',
  newThisWeek: 'neu',
  newThisWeekLong: 'Erstmals diese Woche gemeldet',
  trend: 'Verlauf pro Woche (Top {n})',
  trendTable: 'Verlauf als Tabelle',
  week: 'Woche ab',
  printView: 'Druckansicht',
  print: 'Drucken',
  noHotspots: 'Keine Rückmeldungen im Zeitraum.',
  totals: 'Summe im Zeitraum: {count} Rückmeldungen; diese Woche {thisWeek}, Vorwoche {lastWeek}.',
  duplicatesExcluded: 'Als Duplikat markierte Rückmeldungen werden nicht gezählt.',
  openInbox: 'Rückmeldungen ansehen',
  summaryTitle: 'Brennpunkte – Zusammenfassung',
  generatedAt: 'Stand: {date}',
  periodText: 'Zeitraum: {from} bis {to}',

  leakTitle: 'Leckzahl: vom Collector nachmaskiert',
  leakExplain:
    'Jede Rückmeldung läuft beim Empfang noch einmal durch dieselbe Maskierung wie in der Erweiterung; gespeichert wird nur deren Ergebnis. Eine aktuelle Erweiterung hat schon alles maskiert, dann steht hier 0. Findet der Collector noch etwas (Namen, Telefonnummern, Kennzeichen …), kam es ungeschützt an: von einer älteren Erweiterung, aus einer im Postausgang bearbeiteten Notiz oder von einem anderen Absender. Gespeichert ist es nicht; die Zahl zeigt, wo nachzubessern ist. Gezählt nach Woche des Empfangs, Duplikate eingeschlossen.',
  leakWeek: 'Woche ab (Empfang)',
  leakRecords: 'Rückmeldungen mit Fund',
  leakMasks: 'Maskierungen',
  leakKinds: 'Was maskiert wurde',
  leakNone: 'Im Zeitraum hat der Collector nichts nachmaskiert.',
  leakKindUrlSegment: 'Kennung in der Adresse',
  leakKindUrlParam: 'Adressparameter',
  leakKindUrlPart: 'Zugangsdaten oder Anker in der Adresse',
  caughtByCollector: 'Vom Collector maskiert',

  navIncidents: 'Störungen',
  incidentsBanner: 'Laufende Störungen',
  incidentBannerItem: '{app}: gestört seit {since}, {reports} Meldungen von {installations} Installationen',
  incidentStateOpen: 'Erkannt, noch nicht bestätigt',
  incidentStateKnown: 'Bestätigt',
  incidentStateClosed: 'Beendet',
  incidentDetails: 'Details',
  incidentDetailsOf: 'Details zur Störung {app}',
  incidentsTitle: 'Störungen',
  incidentTitle: 'Störung: {app}',
  incidentsNone: 'Bisher keine Störungen.',
  incidentRule:
    'Eine Störung wird erkannt, wenn mindestens {reports} Störungsmeldungen einer Anwendung von mindestens {installations} Installationen innerhalb von {minutes} Minuten eingehen.',
  incidentOpenedAt: 'Erkannt',
  incidentSince: 'Gestört seit',
  incidentFirstReport: 'Erste Meldung',
  incidentLastReport: 'Letzte Meldung',
  incidentReports: 'Meldungen',
  incidentInstallations: 'Installationen',
  incidentKnownAt: 'Bestätigt',
  incidentClosedAt: 'Beendet',
  incidentState: 'Zustand',
  incidentCodes: 'Fehlercodes',
  incidentScreens: 'Betroffene Bildschirme',
  incidentCode: 'Code',
  incidentCount: 'Anzahl',
  incidentStatusText: 'Öffentlicher Statustext (erscheint bei den meldenden Sachbearbeitenden)',
  incidentStatusTextHint: 'Höchstens 500 Zeichen. Leer lassen, um den Text zu entfernen.',
  incidentConfirm: 'Bestätigen: IT ist informiert',
  incidentSaveText: 'Statustext speichern',
  incidentSaveTextOnly: 'Nur Statustext speichern (noch nicht bestätigen)',
  outage: 'Störungsmeldung',
  outageKind: 'Art: {kind}',
  outageSince: 'gestört seit {since}',
  outageObserved: 'von der Erweiterung beobachtet',
  outageDeclared: 'von der Sachbearbeitung angegeben',
  incidentClose: 'Störung beenden',
  incidentCloseHint: 'Eine beendete Störung wird nicht wieder geöffnet; spätere Meldungen zählen neu.',
  incidentHistory: 'Störungen je Anwendung (letzte 12 Monate)',
  incidentDuration: 'Dauer',
  incidentOngoing: 'läuft noch',
  incidentNoHistory: 'Keine Störungen in den letzten 12 Monaten.',
  backToIncidents: 'Zurück zu den Störungen',
  durationMinutes: '{n} Min.',
  durationHours: '{h} Std. {m} Min.',

  errorTitle: 'Fehler',
  errorCode: 'Fehlercode: {code}',
  signInAgain: 'Erneut anmelden',
} as const;

type Key = keyof typeof de;
type Messages = Record<Key, string>;

const en: Messages = {
  appName: 'Mitsprache – Analysis',
  skipToContent: 'Skip to content',
  mainNav: 'Main navigation',
  navInbox: 'Inbox',
  navHotspots: 'Hotspots',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {user}',
  language: 'Language',

  signInTitle: 'Sign in for digitalisation officers',
  user: 'User name',
  password: 'Password',
  signIn: 'Sign in',

  inboxTitle: 'Inbox',
  filters: 'Filters',
  from: 'Created from (date)',
  to: 'Created up to and including (date)',
  app: 'Application',
  route: 'Screen (route)',
  category: 'Category',
  impact: 'Impact',
  appointment: 'During client appointment',
  status: 'Status',
  unit: 'Unit',
  search: 'Search in notes',
  applyFilters: 'Apply filters',
  resetFilters: 'Reset filters',
  any: 'Any',
  yes: 'yes',
  no: 'no',
  statusNew: 'New (untouched)',
  created: 'Created',
  received: 'Received',
  screen: 'Screen',
  minutes: 'Minutes lost',
  note: 'Note',
  select: 'Select',
  selectRecord: 'Select feedback of {date}',
  selectAll: 'Select all on this page',
  results: '{n} feedback records',
  resultsOne: '1 feedback record',
  resultsMore: 'More than {n} feedback records',
  noResults: 'No feedback matches these filters.',
  pages: 'Pages',
  pageOf: 'Page {page}',
  previous: 'Previous page',
  next: 'Next page',
  sortBy: 'Sort by {column}',
  sortedAsc: 'sorted ascending',
  sortedDesc: 'sorted descending',
  sort: 'Sort',
  direction: 'Direction',
  ascending: 'ascending',
  descending: 'descending',
  exportTitle: 'Export (current filters)',
  exportCsv: 'CSV for Excel',
  separator: 'Separator',
  semicolon: 'Semicolon (;)',
  comma: 'Comma (,)',
  exportJson: 'JSON',
  exportNdjson: 'NDJSON',
  download: 'Download',
  format: 'Format',
  bulkTitle: 'Edit selected feedback',
  action: 'Action',
  actionStatus: 'Set status and reply',
  actionDuplicate: 'Mark as duplicates',
  newStatus: 'New status',
  reply: 'Reply to the caseworker',
  replyBulkHint: 'Leave empty to keep existing replies.',
  replyHint: 'Leave empty to remove the reply. At most 2000 characters.',
  duplicateTarget: 'Duplicate of (id of the original feedback)',
  duplicateTargetHint: 'Leave empty: the first selected feedback counts as the original.',
  applyToSelection: 'Apply to selection',
  duplicateBadge: 'Duplicate',
  noticeBulk: '{n} feedback records changed.',
  noticeSaved: 'Saved.',
  noticeDuplicate: 'Marked as duplicate.',
  noticeUnduplicate: 'Duplicate mark removed.',

  detailTitle: 'Feedback',
  backToInbox: 'Back to the inbox',
  batch: 'Batch',
  context: 'Context (redacted)',
  url: 'Address',
  pageTitle: 'Page title',
  heading: 'Heading',
  breadcrumb: 'Breadcrumb',
  frame: 'Frame',
  frameTop: 'Main window',
  navigation: 'Navigation',
  step: 'Step',
  tab: 'Tab',
  form: 'Form',
  box: 'Position and size (px)',
  frameN: 'Frame {n}',
  masked: '{list} masked',
  dateHint: 'Format DD.MM.YYYY, e.g. 31.12.2026',
  sameScreen: 'Similar feedback on this screen (last {weeks} weeks)',
  sameScreenNone: 'No other feedback on this screen in the last {weeks} weeks.',
  otherId: 'Other feedback (id, also from other screens)',
  otherIdHint: 'Only needed when the original feedback is not listed above.',
  openRecord: 'Open',
  viewport: 'Window size',
  browser: 'Browser',
  extensionVersion: 'Extension version',
  sinceLoad: 'Seconds since page load',
  element: 'Picked element',
  role: 'Role',
  name: 'Name',
  selector: 'Selector',
  noElement: 'No element picked.',
  screenshot: 'Screenshot (masked)',
  screenshotAlt: 'Masked screenshot of this feedback ({masks} masks)',
  noScreenshot: 'No screenshot.',
  redactions: 'Masks applied on the device',
  none: 'none',
  reporter: 'Sender',
  reporterNone: 'anonymous',
  reporterPseudonym: 'Pseudonym {id}',
  workflow: 'Processing',
  currentStatus: 'Current status',
  save: 'Save',
  history: 'History',
  noHistory: 'Not processed yet.',
  when: 'When',
  by: 'By',
  duplicates: 'Duplicates',
  duplicateOf: 'Duplicate of',
  duplicatesOfThis: 'Marked as duplicates of this feedback',
  markDuplicate: 'Mark as duplicate',
  clearDuplicate: 'Remove mark',
  rawRecord: 'Record as received (JSON)',

  hotspotsTitle: 'Hotspots',
  rankBy: 'Rank by',
  metricCount: 'Count',
  metricScore: 'Weighted impact (blocks = 3, slows = 2, minor = 1)',
  metricScoreShort: 'Weighted',
  metricMinutes: 'Minutes lost',
  period: 'Period',
  weeks: 'last {n} weeks',
  allTime: 'all time',
  asOf: 'As of',
  show: 'Show',
  rank: 'Rank',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  change: 'Change',
  newThisWeek: 'new',
  newThisWeekLong: 'First reported this week',
  trend: 'Trend per week (top {n})',
  trendTable: 'Trend as a table',
  week: 'Week of',
  printView: 'Print view',
  print: 'Print',
  noHotspots: 'No feedback in this period.',
  totals: 'Total in period: {count} feedback records; this week {thisWeek}, last week {lastWeek}.',
  duplicatesExcluded: 'Feedback marked as duplicate is not counted.',
  openInbox: 'View feedback',
  summaryTitle: 'Hotspots – summary',
  generatedAt: 'As of {date}',
  periodText: 'Period: {from} to {to}',

  leakTitle: 'Leak figure: masked by the collector',
  leakExplain:
    'Every feedback record goes through the same redaction again when it arrives, and only its output is stored. A current extension has masked everything already, so this shows 0. When the collector still finds something (names, phone numbers, identifiers …), it arrived unprotected: from an older extension, a note edited in the outbox, or another sender. It was not stored; the figure shows where to follow up. Counted by week of arrival, duplicates included.',
  leakWeek: 'Week of (arrival)',
  leakRecords: 'Records with a find',
  leakMasks: 'Masks',
  leakKinds: 'What was masked',
  leakNone: 'The collector masked nothing in this period.',
  leakKindUrlSegment: 'Identifier in the address',
  leakKindUrlParam: 'Address parameter',
  leakKindUrlPart: 'Credentials or anchor in the address',
  caughtByCollector: 'Masked by the collector',

  navIncidents: 'Outages',
  incidentsBanner: 'Ongoing outages',
  incidentBannerItem: '{app}: failing since {since}, {reports} reports from {installations} installations',
  incidentStateOpen: 'Detected, not yet confirmed',
  incidentStateKnown: 'Confirmed',
  incidentStateClosed: 'Closed',
  incidentDetails: 'Details',
  incidentDetailsOf: 'Details of the {app} outage',
  incidentsTitle: 'Outages',
  incidentTitle: 'Outage: {app}',
  incidentsNone: 'No outages so far.',
  incidentRule:
    'An outage is detected when at least {reports} outage reports of one application arrive from at least {installations} installations within {minutes} minutes.',
  incidentOpenedAt: 'Detected',
  incidentSince: 'Failing since',
  incidentFirstReport: 'First report',
  incidentLastReport: 'Last report',
  incidentReports: 'Reports',
  incidentInstallations: 'Installations',
  incidentKnownAt: 'Confirmed',
  incidentClosedAt: 'Closed',
  incidentState: 'State',
  incidentCodes: 'Error codes',
  incidentScreens: 'Screens affected',
  incidentCode: 'Code',
  incidentCount: 'Count',
  incidentStatusText: 'Public status text (shown to the caseworkers who reported)',
  incidentStatusTextHint: 'At most 500 characters. Leave empty to remove the text.',
  incidentConfirm: 'Confirm: IT is informed',
  incidentSaveText: 'Save status text',
  incidentSaveTextOnly: 'Save status text only (do not confirm yet)',
  outage: 'Outage report',
  outageKind: 'Kind: {kind}',
  outageSince: 'failing since {since}',
  outageObserved: 'observed by the extension',
  outageDeclared: 'declared by the caseworker',
  incidentClose: 'Close outage',
  incidentCloseHint: 'A closed outage is not reopened; later reports count afresh.',
  incidentHistory: 'Outages per application (last 12 months)',
  incidentDuration: 'Duration',
  incidentOngoing: 'ongoing',
  incidentNoHistory: 'No outages in the last 12 months.',
  backToIncidents: 'Back to the outages',
  durationMinutes: '{n} min',
  durationHours: '{h} h {m} min',

  errorTitle: 'Error',
  errorCode: 'Error code: {code}',
  signInAgain: 'Sign in again',
};

/** Dashboard error codes, their HTTP status and text. Codes are stable; tests and logs use them. */
export const DASHBOARD_ERRORS = {
  signin_failed: {
    status: 401,
    de: 'Benutzername oder Passwort ist falsch.',
    en: 'Wrong user name or password.',
  },
  signin_rate_limited: {
    status: 429,
    de: 'Zu viele fehlgeschlagene Anmeldungen. Bitte in einer Minute erneut versuchen.',
    en: 'Too many failed sign-ins. Please try again in a minute.',
  },
  session_required: {
    status: 401,
    de: 'Bitte melden Sie sich an.',
    en: 'Please sign in.',
  },
  csrf_origin_mismatch: {
    status: 403,
    de: 'Die Anfrage kam nicht von dieser Seite und wurde abgewiesen.',
    en: 'The request did not come from this site and was refused.',
  },
  csrf_token_invalid: {
    status: 403,
    de: 'Das Formular ist abgelaufen. Bitte die Seite neu laden und erneut absenden.',
    en: 'The form has expired. Please reload the page and submit again.',
  },
  bad_request: { status: 400, de: 'Ungültige Eingabe.', en: 'Invalid input.' },
  unsupported_media_type: {
    status: 415,
    de: 'Formulardaten erwartet.',
    en: 'Form data expected.',
  },
  too_large: { status: 413, de: 'Die Eingabe ist zu groß.', en: 'The input is too large.' },
  record_not_found: {
    status: 404,
    de: 'Diese Rückmeldung gibt es nicht.',
    en: 'There is no such feedback.',
  },
  not_found: { status: 404, de: 'Diese Seite gibt es nicht.', en: 'There is no such page.' },
  incident_not_found: {
    status: 404,
    de: 'Diese Störung gibt es nicht.',
    en: 'There is no such outage.',
  },
  incident_closed: {
    status: 409,
    de: 'Diese Störung ist bereits beendet und lässt sich nicht mehr ändern.',
    en: 'This outage is already closed and can no longer be changed.',
  },
  nothing_selected: {
    status: 400,
    de: 'Bitte mindestens eine Rückmeldung auswählen.',
    en: 'Please select at least one feedback record.',
  },
  duplicate_self: {
    status: 400,
    de: 'Eine Rückmeldung kann kein Duplikat von sich selbst sein.',
    en: 'Feedback cannot be a duplicate of itself.',
  },
  duplicate_cycle: {
    status: 409,
    de: 'Die ursprüngliche Rückmeldung ist selbst als Duplikat dieser markiert.',
    en: 'The original is itself marked as a duplicate of this feedback.',
  },
  date_invalid: {
    status: 400,
    de: 'Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 31.12.2026.',
    en: 'Please enter a date as DD.MM.YYYY, e.g. 31.12.2026.',
  },
  duplicate_target_not_found: {
    status: 400,
    de: 'Die angegebene ursprüngliche Rückmeldung gibt es nicht.',
    en: 'The given original feedback does not exist.',
  },
  internal_error: {
    status: 500,
    de: 'Interner Fehler. Bitte später erneut versuchen.',
    en: 'Internal error. Please try again later.',
  },
  db_unavailable: {
    status: 503,
    de: 'Die Datenbank antwortet nicht. Bitte später erneut versuchen.',
    en: 'The database is not answering. Please try again later.',
  },
} as const;

/** A dashboard error code. */
export type DashboardErrorCode = keyof typeof DASHBOARD_ERRORS;

/** The strings of one language, with `{name}` placeholders filled by `t`. */
export interface Translator {
  lang: Lang;
  t(key: Key, values?: Record<string, string | number>): string;
  error(code: DashboardErrorCode): string;
  status(status: OfficerStatus | null): string;
  impact(impact: Impact): string;
  category(id: string): string;
  /** Mask counts in words, e.g. "2 Namen, 3 Aktenzeichen" (kinds the dashboard does not know keep their id). */
  maskCounts(counts: Readonly<Record<string, number | undefined>>): string;
  /** A frame path ("top", "top>frame[1]>frame[0]") in words: "Hauptfenster", "Rahmen 2 › Rahmen 1". */
  framePath(path: string): string;
}

const STATUS_LABELS: Record<Lang, Record<OfficerStatus, string>> = {
  de: {
    received: 'Eingegangen',
    in_review: 'In Prüfung',
    forwarded: 'An den Hersteller weitergegeben',
    solved: 'Gelöst',
    wont_change: 'Wird nicht geändert',
  },
  en: {
    received: 'Received',
    in_review: 'In review',
    forwarded: 'Forwarded to the vendor',
    solved: 'Solved',
    wont_change: 'Will not be changed',
  },
};

const IMPACT_LABELS: Record<Lang, Record<Impact, string>> = {
  de: { blocks: 'Blockiert die Arbeit', slows: 'Hält auf', minor: 'Geringfügig' },
  en: { blocks: 'Blocks the work', slows: 'Slows down', minor: 'Minor' },
};

/** Singular and plural of each mask kind (utils/redact/kinds.ts), as officers read them. */
const MASK_KIND_LABELS: Record<Lang, Record<MaskKind, readonly [string, string]>> = {
  de: {
    iban: ['IBAN', 'IBANs'],
    email: ['E-Mail-Adresse', 'E-Mail-Adressen'],
    phone: ['Telefonnummer', 'Telefonnummern'],
    rvnr: ['Rentenversicherungsnummer', 'Rentenversicherungsnummern'],
    'steuer-id': ['Steuer-ID', 'Steuer-IDs'],
    kundennr: ['Kundennummer', 'Kundennummern'],
    'bg-nr': ['BG-Nummer', 'BG-Nummern'],
    aktenzeichen: ['Aktenzeichen', 'Aktenzeichen'],
    date: ['Datum', 'Daten'],
    birthdate: ['Geburtsdatum', 'Geburtsdaten'],
    address: ['Anschrift', 'Anschriften'],
    postcode: ['PLZ mit Ort', 'PLZ mit Ort'],
    name: ['Name', 'Namen'],
    value: ['Feldwert', 'Feldwerte'],
    term: ['Begriff', 'Begriffe'],
    pattern: ['Musterfund', 'Musterfunde'],
  },
  en: {
    iban: ['IBAN', 'IBANs'],
    email: ['email address', 'email addresses'],
    phone: ['phone number', 'phone numbers'],
    rvnr: ['pension insurance number', 'pension insurance numbers'],
    'steuer-id': ['tax id', 'tax ids'],
    kundennr: ['customer number', 'customer numbers'],
    'bg-nr': ['benefit group number', 'benefit group numbers'],
    aktenzeichen: ['file reference', 'file references'],
    date: ['date', 'dates'],
    birthdate: ['date of birth', 'dates of birth'],
    address: ['address', 'addresses'],
    postcode: ['postcode with town', 'postcodes with town'],
    name: ['name', 'names'],
    value: ['field value', 'field values'],
    term: ['term', 'terms'],
    pattern: ['pattern match', 'pattern matches'],
  },
};

/** The collector's second line also masks parts of addresses (collector/second-line.ts). */
const URL_KINDS: Record<string, Key | undefined> = {
  'url-segment': 'leakKindUrlSegment',
  'url-param': 'leakKindUrlParam',
  'url-part': 'leakKindUrlPart',
};

/** Strings for a language. */
export function translator(lang: Lang): Translator {
  const messages: Messages = lang === 'en' ? en : de;
  return {
    lang,
    t(key, values = {}) {
      return messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
        name in values ? String(values[name]) : match,
      );
    },
    error(code) {
      return DASHBOARD_ERRORS[code][lang];
    },
    status(status) {
      return status === null ? messages.statusNew : STATUS_LABELS[lang][status];
    },
    impact(impact) {
      return IMPACT_LABELS[lang][impact];
    },
    category(id) {
      // Organisations may define their own categories; their ids are shown as they are.
      const known = DEFAULT_CATEGORIES.find((category) => category.id === id);
      return known ? known[lang] : id;
    },
    maskCounts(counts) {
      const labels = MASK_KIND_LABELS[lang];
      return Object.entries(counts)
        .flatMap(([kind, n]) => (n ? [[kind, n] as const] : []))
        .map(([kind, n]) => {
          const forms = kind in labels ? labels[kind as MaskKind] : null;
          if (forms) return `${n} ${n === 1 ? forms[0] : forms[1]}`;
          const url = URL_KINDS[kind];
          return `${n} × ${url ? messages[url] : kind}`;
        })
        .join(', ');
    },
    framePath(path) {
      const parts = path.split('>');
      if (parts[0] !== 'top') return path;
      if (parts.length === 1) return messages.frameTop;
      const frames = parts.slice(1).map((part) => /^(?:i?frame)\[(\d+)\]$/.exec(part));
      // Anything else is shown as sent, so nothing is hidden behind a wrong label.
      if (frames.some((m) => !m)) return path;
      return frames.map((m) => messages.frameN.replace('{n}', String(Number(m?.[1]) + 1))).join(' › ');
    },
  };
}

/**
 * The language for a request: the switch's cookie if set, else the first of German or English in
 * `Accept-Language` by preference, else German.
 */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'de' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'de' || tag.startsWith('de-')) return 'de';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'de';
}
