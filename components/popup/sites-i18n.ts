import { format } from '../../utils/i18n/format';
import type { Lang } from '../../utils/i18n/lang';

/**
 * Strings about sites and their permissions shown outside the settings page: the popup's
 * "enable feedback on this page" card and its notices about missing permissions and policy.
 */
export const SITES_STRINGS = {
  de: {
    enableTitle: 'Feedback auf dieser Seite einschalten',
    enableIntro:
      'Auf {host} ist Mitsprache noch nicht eingeschaltet. Der Browser fragt gleich, ob Mitsprache auf diesen Seiten arbeiten darf – nur dann kann der Feedback-Knopf erscheinen.',
    patternLabel: 'Gilt für alle Seiten unter',
    appLabel: 'Name der Anwendung',
    appHint: 'So erscheint die Anwendung in Ihren Rückmeldungen.',
    appRequired: 'Bitte geben Sie einen Namen ein.',
    enableButton: 'Feedback auf dieser Seite einschalten',
    enabling: 'Wird eingeschaltet …',
    enabled: 'Eingeschaltet. Der Feedback-Knopf ist jetzt auf dieser Seite.',
    enabledReload: 'Eingeschaltet. Bitte laden Sie die Seite neu, damit der Feedback-Knopf erscheint.',
    declined: 'Die Berechtigung wurde nicht erteilt. Es wurde nichts geändert.',
    unsupported: 'Auf dieser Seite kann Mitsprache nicht eingeschaltet werden (z. B. Seiten des Browsers).',
    locked:
      'Auf welchen Anwendungen Mitsprache arbeitet, legt Ihre Organisation fest. Bitte wenden Sie sich an Ihre IT, wenn hier Feedback möglich sein soll.',
    failed: 'Einschalten fehlgeschlagen: {reason}',
    sitesMissingTitle: 'Berechtigung fehlt',
    sitesMissing: 'Auf diesen Anwendungen erscheint der Feedback-Knopf nicht, weil die Berechtigung fehlt:',
    sitesRevoked: 'entzogen',
    grantMissing: 'Berechtigung erteilen',
    grantDeclined: 'Die Berechtigung wurde nicht erteilt.',
    policyNotesTitle: 'Hinweis zur Vorgabe Ihrer Organisation',
  },
  en: {
    enableTitle: 'Enable feedback on this page',
    enableIntro:
      'Mitsprache is not enabled on {host} yet. The browser will ask whether Mitsprache may work on these pages – only then can the feedback button appear.',
    patternLabel: 'Applies to all pages under',
    appLabel: 'Application name',
    appHint: 'This is how the application appears in your feedback.',
    appRequired: 'Please enter a name.',
    enableButton: 'Enable feedback on this page',
    enabling: 'Enabling …',
    enabled: 'Enabled. The feedback button is now on this page.',
    enabledReload: 'Enabled. Please reload the page to make the feedback button appear.',
    declined: 'Permission was not granted. Nothing was changed.',
    unsupported: 'Mitsprache cannot be enabled on this page (e.g. browser pages).',
    locked:
      'Your organisation decides on which applications Mitsprache works. Please contact your IT if feedback should be possible here.',
    failed: 'Enabling failed: {reason}',
    sitesMissingTitle: 'Permission missing',
    sitesMissing: 'The feedback button does not appear on these applications because permission is missing:',
    sitesRevoked: 'revoked',
    grantMissing: 'Grant permission',
    grantDeclined: 'Permission was not granted.',
    policyNotesTitle: "Note on your organisation's policy",
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type SitesKey = keyof (typeof SITES_STRINGS)['de'];
export type SitesT = (key: SitesKey, values?: Record<string, string | number>) => string;

/** The site strings' translator for one language. */
export function sitesT(lang: Lang): SitesT {
  const strings: Record<SitesKey, string> = SITES_STRINGS[lang];
  return (key, values) => format(strings[key], values);
}
