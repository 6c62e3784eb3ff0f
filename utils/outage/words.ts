import { format } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { Outage } from '../schema/record';

/**
 * The outage in words: the error code explained for a caseworker, and the note stored when they type
 * none (the record's note is required). German first; the note is written in the extension's UI
 * language, like every other text the caseworker sees before it is stored.
 */

/** Error codes in words, by a fragment of the code (Chrome's and Firefox's names alike). */
const CODE_WORDS: ReadonlyArray<readonly [RegExp, { de: string; en: string }]> = [
  [/CONNECTION_REFUSED/, { de: 'Verbindung abgelehnt', en: 'connection refused' }],
  [/NAME_NOT_RESOLVED|UNKNOWN_HOST|NAME_RESOLUTION/, { de: 'Server nicht gefunden', en: 'server not found' }],
  [/TIMED_OUT|TIMEOUT/, { de: 'Zeitüberschreitung', en: 'timed out' }],
  [
    /INTERNET_DISCONNECTED|OFFLINE|NETWORK_CHANGED/,
    { de: 'keine Netzverbindung', en: 'no network connection' },
  ],
  [
    /CONNECTION_(RESET|CLOSED|ABORTED)|NET_RESET|NET_INTERRUPT|EMPTY_RESPONSE/,
    { de: 'Verbindung abgebrochen', en: 'connection dropped' },
  ],
  [
    /CERT|SSL|SEC_ERROR|SSL_ERROR/,
    { de: 'Sicherheitszertifikat abgelehnt', en: 'security certificate refused' },
  ],
  [/PROXY|TUNNEL/, { de: 'Proxy-Fehler', en: 'proxy error' }],
  [/ADDRESS_UNREACHABLE|NO_ROUTE/, { de: 'Server nicht erreichbar', en: 'server unreachable' }],
];

const HTTP_WORDS: Readonly<Record<string, { de: string; en: string }>> = {
  '500': { de: 'interner Serverfehler', en: 'internal server error' },
  '502': { de: 'Fehler am Gateway', en: 'bad gateway' },
  '503': { de: 'Dienst nicht verfügbar', en: 'service unavailable' },
  '504': { de: 'Zeitüberschreitung am Gateway', en: 'gateway timeout' },
};

const KIND_WORDS: Readonly<Record<Outage['kind'], { de: string; en: string }>> = {
  network: { de: 'nicht erreichbar', en: 'unreachable' },
  timeout: { de: 'Zeitüberschreitung', en: 'timed out' },
  http: { de: 'Serverfehler', en: 'server error' },
  'login-loop': { de: 'Anmeldung hängt in einer Schleife', en: 'login keeps looping' },
  unresponsive: { de: 'Anwendung reagiert nicht', en: 'application does not respond' },
  'error-message': { de: 'Anwendung zeigt eine Fehlermeldung', en: 'application shows an error message' },
};

/** The error in a few words ("Verbindung abgelehnt", "Dienst nicht verfügbar"). */
export function outageWords(kind: Outage['kind'], code: string | undefined, lang: Lang): string {
  if (kind === 'http' && code) return (HTTP_WORDS[code] ?? KIND_WORDS.http)[lang];
  if (code && (kind === 'network' || kind === 'timeout')) {
    for (const [pattern, words] of CODE_WORDS) if (pattern.test(code)) return words[lang];
  }
  return KIND_WORDS[kind][lang];
}

const NOTES = {
  de: {
    network: 'Störung gemeldet: {app} nicht erreichbar ({code})',
    timeout: 'Störung gemeldet: {app} antwortet nicht rechtzeitig ({code})',
    http: 'Störung gemeldet: {app} antwortet mit Fehler {code} ({words})',
    'login-loop': 'Störung gemeldet: Anmeldung bei {app} hängt in einer Schleife',
    unresponsive: 'Störung gemeldet: {app} reagiert nicht',
    'error-message': 'Störung gemeldet: {app} zeigt eine Fehlermeldung',
  },
  en: {
    network: 'Outage reported: {app} unreachable ({code})',
    timeout: 'Outage reported: {app} does not answer in time ({code})',
    http: 'Outage reported: {app} answers with error {code} ({words})',
    'login-loop': 'Outage reported: the login to {app} keeps looping',
    unresponsive: 'Outage reported: {app} does not respond',
    'error-message': 'Outage reported: {app} shows an error message',
  },
} as const satisfies Record<Lang, Record<Outage['kind'], string>>;

/** The note stored when the caseworker types none: one sentence naming the application and the error. */
export function outageNote(app: string, kind: Outage['kind'], code: string | undefined, lang: Lang): string {
  const template =
    code || kind === 'login-loop' || kind === 'unresponsive' || kind === 'error-message'
      ? NOTES[lang][kind]
      : NOTES[lang][kind].replace(/ \(\{code\}\)$/, '');
  return format(template, { app, code: code ?? '', words: outageWords(kind, code, lang) });
}
