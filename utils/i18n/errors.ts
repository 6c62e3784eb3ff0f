import type { ErrorCode } from '../errors';
import type { Lang } from './lang';

/** User-facing text for every error code, in plain words. */
export const ERROR_STRINGS: Record<Lang, Record<ErrorCode, string>> = {
  de: {
    bad_message: 'Interner Fehler: ungültige Nachricht.',
    forbidden_sender: 'Diese Anfrage ist nicht erlaubt.',
    unknown_capture: 'Der Dialog ist abgelaufen. Bitte öffnen Sie ihn erneut.',
    invalid_record: 'Die Rückmeldung ist unvollständig oder ungültig.',
    not_found: 'Diese Rückmeldung gibt es nicht mehr.',
    not_editable: 'Bereits gesendete Rückmeldungen können nicht mehr bearbeitet werden.',
    record_sending:
      'Diese Rückmeldung wird gerade gesendet und kann jetzt nicht geändert werden. Bitte versuchen Sie es gleich noch einmal.',
    storage_quota:
      'Der Speicher des Browsers ist voll. Die Notiz wurde nicht gespeichert – bitte wenden Sie sich an Ihre IT.',
    storage_failed: 'Speichern fehlgeschlagen. Ihre Notiz ist noch da – bitte erneut versuchen.',
    no_endpoint:
      'Es ist noch keine Empfangsadresse eingerichtet. Rückmeldungen warten sicher auf diesem Gerät.',
    endpoint_insecure: 'Die Empfangsadresse muss mit https:// beginnen (http:// nur für localhost).',
    endpoint_unreachable:
      'Der Empfänger ist nicht erreichbar (Netz oder VPN?). Es wird später erneut versucht.',
    endpoint_tls: 'Die sichere Verbindung zum Empfänger ist fehlgeschlagen (Zertifikat?).',
    endpoint_unauthorized: 'Der Empfänger lehnt unseren Zugangsschlüssel ab. Bitte die Einstellungen prüfen.',
    endpoint_schema: 'Der Empfänger versteht dieses Datenformat nicht (falsche Version).',
    endpoint_not_found:
      'Unter dieser Adresse gibt es keinen Mitsprache-Empfänger. Bitte die Empfangsadresse prüfen.',
    endpoint_bad_reply: 'Der Empfänger hat unverständlich geantwortet. Es wird später erneut versucht.',
    endpoint_error: 'Der Empfänger meldet einen Fehler. Es wird später erneut versucht.',
    no_content_script: 'Auf dieser Seite ist Mitsprache nicht eingeschaltet.',
    no_outage: 'Auf dieser Seite ist gerade keine Störung zu sehen.',
    permission_denied: 'Die Berechtigung für diese Seite wurde nicht erteilt.',
    settings_invalid: 'Die Einstellungen sind ungültig und wurden nicht übernommen.',
    policy_locked: 'Dieser Wert ist von Ihrer Organisation festgelegt.',
    screenshot_forbidden: 'Bildschirmfotos sind von Ihrer Organisation nicht erlaubt.',
    screenshot_failed: 'Das Bildschirmfoto konnte nicht aufgenommen werden.',
    screenshot_needs_gesture:
      'Für ein Bildschirmfoto öffnen Sie die Rückmeldung bitte über das Mitsprache-Symbol in der Symbolleiste oder mit Alt+Umschalt+F.',
    internal: 'Ein unerwarteter Fehler ist aufgetreten.',
  },
  en: {
    bad_message: 'Internal error: invalid message.',
    forbidden_sender: 'This request is not allowed.',
    unknown_capture: 'The dialog has expired. Please open it again.',
    invalid_record: 'The feedback is incomplete or invalid.',
    not_found: 'This feedback no longer exists.',
    not_editable: 'Feedback that has been sent can no longer be edited.',
    record_sending:
      'This feedback is being sent right now and cannot be changed. Please try again in a moment.',
    storage_quota: 'The browser storage is full. The note was not saved – please contact your IT.',
    storage_failed: 'Saving failed. Your note is still here – please try again.',
    no_endpoint: 'No receiving endpoint is set up yet. Feedback waits safely on this device.',
    endpoint_insecure: 'The endpoint must start with https:// (http:// only for localhost).',
    endpoint_unreachable: 'The receiver cannot be reached (network or VPN?). It will be retried later.',
    endpoint_tls: 'The secure connection to the receiver failed (certificate?).',
    endpoint_unauthorized: 'The endpoint refuses our token. Please check the settings.',
    endpoint_schema: 'The receiver does not understand this data format (wrong version).',
    endpoint_not_found: 'There is no Mitsprache receiver at this address. Please check the endpoint.',
    endpoint_bad_reply: 'The receiver sent an unreadable reply. It will be retried later.',
    endpoint_error: 'The receiver reports an error. It will be retried later.',
    no_content_script: 'Mitsprache is not enabled on this page.',
    no_outage: 'This page shows no outage right now.',
    permission_denied: 'Permission for this site was not granted.',
    settings_invalid: 'The settings are invalid and were not applied.',
    policy_locked: 'This value is set by your organisation.',
    screenshot_forbidden: 'Screenshots are not allowed by your organisation.',
    screenshot_failed: 'The screenshot could not be taken.',
    screenshot_needs_gesture:
      'To add a screenshot, open the feedback from the Mitsprache toolbar icon or with Alt+Shift+F.',
    internal: 'An unexpected error occurred.',
  },
};
