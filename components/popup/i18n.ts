import { format } from '../../utils/i18n/format';
import type { Lang } from '../../utils/i18n/lang';

/** Strings of the toolbar popup: the caseworker's outbox and the officers' answers. */
export const POPUP_STRINGS = {
  de: {
    title: 'Mitsprache',
    giveFeedback: 'Rückmeldung zu dieser Seite geben',
    feedbackUnavailable: 'Auf dieser Seite kann keine Rückmeldung gegeben werden.',
    overviewHeading: 'Übersicht',
    countPending: 'Warten auf Versand',
    countSent: 'Gesendet',
    countAttention: 'Brauchen Aufmerksamkeit',
    countUnread: 'Neue Antworten',
    syncNever: 'Es wurde noch nichts gesendet.',
    syncOk: 'Zuletzt erfolgreich übertragen: {time}.',
    syncFailed: 'Letzter Versuch {time} ist nicht gelungen: {reason}',
    syncLastSuccess: 'Zuletzt erfolgreich: {time}.',
    syncNext: 'Nächster Versuch: {time}.',
    syncStopped:
      'Automatisches Senden ist angehalten, bis die Einstellungen geändert werden oder Sie „Jetzt senden“ wählen.',
    syncFailingHint: 'Rückmeldungen kommen gerade nicht an. Sie bleiben sicher auf diesem Gerät.',
    sendNow: 'Jetzt senden',
    sendingNow: 'Wird gesendet …',
    sendDone: 'Übertragung beendet.',
    sendFailed: 'Die Übertragung ist nicht gelungen. Ihre Rückmeldungen bleiben auf diesem Gerät.',
    loadingOverview: 'Übersicht wird geladen …',
    listHeading: 'Ihre Rückmeldungen',
    filterLabel: 'Anzeigen',
    filterAll: 'Alle',
    filterPending: 'Wartend',
    filterSent: 'Gesendet',
    filterFailed: 'Mit Problem',
    listEmpty: 'Sie haben noch keine Rückmeldung gegeben.',
    listEmptyFilter: 'In dieser Ansicht gibt es keine Rückmeldungen.',
    loadMore: 'Weitere laden',
    loading: 'Wird geladen …',
    statusPending: 'Wartet auf Versand',
    statusSent: 'Gesendet',
    statusFailed: 'Nicht zugestellt',
    newAnswer: 'Neue Antwort',
    answered: 'Beantwortet',
    officerReceived: 'Eingegangen',
    officerInReview: 'In Prüfung',
    officerForwarded: 'An den Hersteller weitergegeben',
    officerSolved: 'Gelöst',
    officerWontChange: 'Wird nicht geändert',
    impactBlocks: 'Blockiert meine Arbeit',
    impactSlows: 'Hält mich auf',
    impactMinor: 'Geringfügig',
    back: 'Zurück zur Liste',
    escHint: 'Esc führt zurück zur Liste.',
    detailTitle: 'Rückmeldung vom {time}',
    state: 'Stand',
    created: 'Erstellt',
    sentAt: 'Gesendet am',
    attempts: 'Sendeversuche',
    willBeSent: 'Das wird gesendet',
    wasSent: 'Das wurde gesendet',
    app: 'Anwendung',
    screen: 'Bildschirm',
    address: 'Adresse',
    element: 'Element',
    browser: 'Browser',
    category: 'Art der Rückmeldung',
    categoryChoose: 'Bitte wählen …',
    categoryRequired: 'Bitte wählen Sie die Art der Rückmeldung.',
    impact: 'Auswirkung',
    impactRequired: 'Bitte wählen Sie die Auswirkung.',
    appointment: 'Während eines Kundengesprächs',
    yes: 'Ja',
    no: 'Nein',
    minutes: 'Verlorene Minuten',
    minutesNone: 'keine Angabe',
    note: 'Notiz',
    reporter: 'Absender',
    reporterNone: 'anonym',
    reporterUnit: 'Team: {unit}',
    reporterPseudonym: 'Pseudonym',
    masks: 'Unkenntlich gemacht',
    masksNone: 'nichts',
    screenshot: 'Bildschirmfoto (geschwärzt)',
    jsonTitle: 'Genau diese Daten (JSON)',
    answerHeading: 'Antwort',
    answerNone: 'Noch keine Antwort. Sobald sich jemand Ihre Rückmeldung ansieht, erscheint hier der Stand.',
    answerReply: 'Nachricht',
    answerUpdated: 'Aktualisiert: {time}',
    failureHeading: 'Diese Rückmeldung wurde nicht zugestellt',
    failureRejected:
      'Der Empfänger hat diese Rückmeldung abgelehnt, weil er ihre Angaben nicht annehmen kann. Bitte wenden Sie sich an Ihre Administration.',
    failureDetail: 'Technische Angabe für die Administration',
    failureTooLarge: 'Die Rückmeldung ist zu groß zum Senden (meist wegen des Bildschirmfotos).',
    failureServerError:
      'Der Empfänger konnte diese Rückmeldung wiederholt nicht speichern; die anderen wurden zugestellt.',
    retry: 'Erneut senden',
    retried: 'Die Rückmeldung wartet wieder auf Versand.',
    edit: 'Bearbeiten',
    editHeading: 'Rückmeldung bearbeiten',
    editHint:
      'Bitte keine Namen oder Kundendaten ergänzen – bekannte Muster werden beim Speichern unkenntlich gemacht.',
    save: 'Speichern',
    saving: 'Wird gespeichert …',
    saved: 'Änderungen gespeichert.',
    cancel: 'Abbrechen',
    counter: '{n} von {max} Zeichen',
    noteRequired: 'Bitte schreiben Sie eine kurze Notiz.',
    noteTooLong: 'Die Notiz ist zu lang (höchstens {max} Zeichen).',
    minutesInvalid: 'Bitte eine ganze Zahl von 0 bis {max} eingeben.',
    minutesOptional: 'Verlorene Minuten (optional)',
    sendingLocked:
      'Diese Rückmeldung wird gerade gesendet. Bearbeiten und Löschen sind gleich wieder möglich.',
    delete: 'Löschen',
    deleteFromDevice: 'Von diesem Gerät löschen',
    confirmDeletePending: 'Wirklich löschen? Die Rückmeldung wird dann nicht gesendet.',
    confirmDeleteSent: 'Von diesem Gerät löschen? Beim Empfänger bleibt sie erhalten.',
    confirmYes: 'Ja, löschen',
    confirmNo: 'Nein, behalten',
    deleted: 'Die Rückmeldung wurde gelöscht.',
    outageHeading: 'Störung melden',
    outageIntro: '{app} ist gerade nicht erreichbar. Mit einem Klick melden Sie die Störung.',
    outageApp: 'Anwendung',
    outageError: 'Fehler',
    outageSince: 'Seit',
    outageScreen: 'Bildschirm',
    outageNoteLabel: 'Notiz (freiwillig)',
    outageNoteDefault: 'Ohne Notiz wird gespeichert: „{note}“',
    outageReport: 'Störung melden',
    outageReporting: 'Wird gemeldet …',
    outageReported: 'Störung gemeldet. Sie wird gesendet, sobald der Empfänger erreichbar ist.',
    outageAlreadyReported: 'Sie haben diese Störung von diesem Gerät aus bereits gemeldet.',
    incidentOpen: 'Störung gemeldet, wird geprüft.',
    incidentKnown: 'Bekannt seit {time} – IT ist informiert.',
    incidentClosed: 'Störung behoben.',
    incidentClosedAt: 'Störung behoben ({time}).',
    incidentStatusText: 'Stand der Digitalisierungsbeauftragten',
    outageField: 'Störung',
    outageFieldValue: '{words}, seit {since}, {source}; Kennung der Störung {episode}',
    outageObserved: 'vom Browser festgestellt',
    outageDeclared: 'von Ihnen gemeldet',
    exportButton: 'Meine Rückmeldungen exportieren (JSON)',
    exporting: 'Export wird erstellt …',
    exported: 'Export mit {n} Rückmeldungen erstellt.',
    retentionHint: 'Gesendete Rückmeldungen werden {days} Tage nach dem Senden von diesem Gerät gelöscht.',
    justNow: 'gerade eben',
  },
  en: {
    title: 'Mitsprache',
    giveFeedback: 'Give feedback on this page',
    feedbackUnavailable: 'Feedback cannot be given on this page.',
    overviewHeading: 'Overview',
    countPending: 'Waiting to be sent',
    countSent: 'Sent',
    countAttention: 'Need attention',
    countUnread: 'New answers',
    syncNever: 'Nothing has been sent yet.',
    syncOk: 'Last transfer succeeded: {time}.',
    syncFailed: 'The last attempt {time} did not succeed: {reason}',
    syncLastSuccess: 'Last success: {time}.',
    syncNext: 'Next attempt: {time}.',
    syncStopped: 'Automatic sending is paused until the settings change or you choose “Send now”.',
    syncFailingHint: 'Feedback is not getting through at the moment. It stays safe on this device.',
    sendNow: 'Send now',
    sendingNow: 'Sending …',
    sendDone: 'Transfer finished.',
    sendFailed: 'The transfer did not succeed. Your feedback stays on this device.',
    loadingOverview: 'Loading the overview …',
    listHeading: 'Your feedback',
    filterLabel: 'Show',
    filterAll: 'All',
    filterPending: 'Waiting',
    filterSent: 'Sent',
    filterFailed: 'With a problem',
    listEmpty: 'You have not given any feedback yet.',
    listEmptyFilter: 'There is no feedback in this view.',
    loadMore: 'Load more',
    loading: 'Loading …',
    statusPending: 'Waiting to be sent',
    statusSent: 'Sent',
    statusFailed: 'Not delivered',
    newAnswer: 'New answer',
    answered: 'Answered',
    officerReceived: 'Received',
    officerInReview: 'In review',
    officerForwarded: 'Forwarded to the vendor',
    officerSolved: 'Solved',
    officerWontChange: 'Will not be changed',
    impactBlocks: 'Blocks my work',
    impactSlows: 'Slows me down',
    impactMinor: 'Minor',
    back: 'Back to the list',
    escHint: 'Esc returns to the list.',
    detailTitle: 'Feedback of {time}',
    state: 'State',
    created: 'Created',
    sentAt: 'Sent on',
    attempts: 'Send attempts',
    willBeSent: 'This will be sent',
    wasSent: 'This was sent',
    app: 'Application',
    screen: 'Screen',
    address: 'Address',
    element: 'Element',
    browser: 'Browser',
    category: 'Kind of feedback',
    categoryChoose: 'Please choose …',
    categoryRequired: 'Please choose the kind of feedback.',
    impact: 'Impact',
    impactRequired: 'Please choose the impact.',
    appointment: 'During a client appointment',
    yes: 'Yes',
    no: 'No',
    minutes: 'Minutes lost',
    minutesNone: 'not given',
    note: 'Note',
    reporter: 'Sender',
    reporterNone: 'anonymous',
    reporterUnit: 'Team: {unit}',
    reporterPseudonym: 'Pseudonym',
    masks: 'Masked',
    masksNone: 'nothing',
    screenshot: 'Screenshot (masked)',
    jsonTitle: 'Exactly this data (JSON)',
    answerHeading: 'Answer',
    answerNone: 'No answer yet. As soon as someone looks at your feedback, its state appears here.',
    answerReply: 'Message',
    answerUpdated: 'Updated: {time}',
    failureHeading: 'This feedback was not delivered',
    failureRejected:
      'The collector refused this feedback because it cannot accept its data. Please contact your administrator.',
    failureDetail: 'Technical detail for the administrator',
    failureTooLarge: 'The feedback is too large to send (usually because of the screenshot).',
    failureServerError: 'The collector failed repeatedly to store this feedback; the others were delivered.',
    retry: 'Send again',
    retried: 'The feedback is waiting to be sent again.',
    edit: 'Edit',
    editHeading: 'Edit feedback',
    editHint: 'Please do not add names or client data – known patterns are masked when saving.',
    save: 'Save',
    saving: 'Saving …',
    saved: 'Changes saved.',
    cancel: 'Cancel',
    counter: '{n} of {max} characters',
    noteRequired: 'Please write a short note.',
    noteTooLong: 'The note is too long (at most {max} characters).',
    minutesInvalid: 'Please enter a whole number from 0 to {max}.',
    minutesOptional: 'Minutes lost (optional)',
    sendingLocked:
      'This feedback is being sent right now. Editing and deleting are possible again in a moment.',
    delete: 'Delete',
    deleteFromDevice: 'Delete from this device',
    confirmDeletePending: 'Really delete? The feedback will then not be sent.',
    confirmDeleteSent: 'Delete from this device? The receiver keeps its copy.',
    confirmYes: 'Yes, delete',
    confirmNo: 'No, keep it',
    deleted: 'The feedback was deleted.',
    outageHeading: 'Report an outage',
    outageIntro: '{app} cannot be reached right now. Report the outage with one click.',
    outageApp: 'Application',
    outageError: 'Error',
    outageSince: 'Since',
    outageScreen: 'Screen',
    outageNoteLabel: 'Note (optional)',
    outageNoteDefault: 'Without a note this is stored: “{note}”',
    outageReport: 'Report outage',
    outageReporting: 'Reporting …',
    outageReported: 'Outage reported. It is sent as soon as the collector can be reached.',
    outageAlreadyReported: 'You have already reported this outage from this device.',
    incidentOpen: 'Outage reported, being checked.',
    incidentKnown: 'Known since {time} – IT has been informed.',
    incidentClosed: 'Outage resolved.',
    incidentClosedAt: 'Outage resolved ({time}).',
    incidentStatusText: 'Status from the digitalisation officers',
    outageField: 'Outage',
    outageFieldValue: '{words}, since {since}, {source}; outage id {episode}',
    outageObserved: 'seen by the browser',
    outageDeclared: 'declared by you',
    exportButton: 'Export my feedback (JSON)',
    exporting: 'Creating the export …',
    exported: 'Export with {n} feedback records created.',
    retentionHint: 'Sent feedback is deleted from this device {days} days after sending.',
    justNow: 'just now',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type PopupKey = keyof (typeof POPUP_STRINGS)['de'];

/** A translator bound to one language, with {name} placeholders. */
export type PopupT = (key: PopupKey, values?: Record<string, string | number>) => string;

export function popupT(lang: Lang): PopupT {
  const strings: Record<PopupKey, string> = POPUP_STRINGS[lang];
  return (key, values) => format(strings[key], values);
}

const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

/** A point in time for a list row or a detail: only the time when it is today, else date and time. */
export function formatWhen(ms: number, lang: Lang, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now).toDateString() === date.toDateString();
  return dateFormat(lang, today ? 'time' : 'dateTime').format(date);
}

// Building an Intl formatter costs far more than using one, and every list row formats a time: the
// popup's first page would build twenty of them on the way to the screen.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, style: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${lang} ${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      LOCALES[lang],
      style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' },
    );
    formats.set(key, format);
  }
  return format;
}

/** A past moment in plain words ("vor 5 Minuten", "gestern"); a precise time beyond a day. */
export function formatAgo(ms: number, lang: Lang, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  if (Math.abs(seconds) < 45) return POPUP_STRINGS[lang].justNow;
  const relative = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'auto' });
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return formatWhen(ms, lang, now);
}

/** Label keys of the local delivery states. */
export const STATUS_KEYS = {
  pending: 'statusPending',
  sent: 'statusSent',
  failed: 'statusFailed',
} as const satisfies Record<'pending' | 'sent' | 'failed', PopupKey>;

/** Label keys of the officers' processing states (OfficerStatus in utils/schema/wire.ts). */
export const OFFICER_KEYS = {
  received: 'officerReceived',
  in_review: 'officerInReview',
  forwarded: 'officerForwarded',
  solved: 'officerSolved',
  wont_change: 'officerWontChange',
} as const satisfies Record<'received' | 'in_review' | 'forwarded' | 'solved' | 'wont_change', PopupKey>;

/** Label keys of the impact levels. */
export const IMPACT_KEYS = {
  blocks: 'impactBlocks',
  slows: 'impactSlows',
  minor: 'impactMinor',
} as const satisfies Record<'blocks' | 'slows' | 'minor', PopupKey>;
