// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { httpFailure, isHealthyStatus, navigationFailure } from '../../../utils/outage/codes';
import { outageNote, outageWords } from '../../../utils/outage/words';

describe('navigationFailure: the browser’s error as a code', () => {
  it.each([
    // Chrome (webRequest and webNavigation alike)
    ['net::ERR_CONNECTION_REFUSED', { kind: 'network', code: 'ERR_CONNECTION_REFUSED' }],
    ['net::ERR_NAME_NOT_RESOLVED', { kind: 'network', code: 'ERR_NAME_NOT_RESOLVED' }],
    ['net::ERR_CERT_DATE_INVALID', { kind: 'network', code: 'ERR_CERT_DATE_INVALID' }],
    ['net::ERR_TIMED_OUT', { kind: 'timeout', code: 'ERR_TIMED_OUT' }],
    ['net::ERR_CONNECTION_TIMED_OUT', { kind: 'timeout', code: 'ERR_CONNECTION_TIMED_OUT' }],
    // Firefox webRequest
    ['NS_ERROR_CONNECTION_REFUSED', { kind: 'network', code: 'NS_ERROR_CONNECTION_REFUSED' }],
    ['NS_ERROR_UNKNOWN_HOST', { kind: 'network', code: 'NS_ERROR_UNKNOWN_HOST' }],
    ['NS_ERROR_NET_TIMEOUT', { kind: 'timeout', code: 'NS_ERROR_NET_TIMEOUT' }],
    // Firefox webNavigation: a number
    ['Error code 2152398861', { kind: 'network', code: 'NS_ERROR_CONNECTION_REFUSED' }],
    ['Error code 2152398862', { kind: 'timeout', code: 'NS_ERROR_NET_TIMEOUT' }],
    ['Error code 2152398999', { kind: 'network', code: 'ERROR_2152398999' }],
  ])('%s → %o', (error, expected) => {
    expect(navigationFailure(error)).toEqual(expected);
  });

  it.each([
    'net::ERR_ABORTED',
    'net::ERR_BLOCKED_BY_CLIENT',
    'net::ERR_BLOCKED_BY_ADMINISTRATOR',
    'net::ERR_HTTP_RESPONSE_CODE_FAILURE',
    'net::ERR_CACHE_MISS',
    'NS_ERROR_DOCUMENT_NOT_CACHED',
    'NS_BINDING_ABORTED',
    'Error code 2152398850',
    '',
  ])(
    '%s is not an outage (the user left, a blocker, a form sent again, or the status says more)',
    (error) => {
      expect(navigationFailure(error)).toBeUndefined();
    },
  );

  it('keeps the code within the record schema’s characters', () => {
    expect(navigationFailure('net::ERR WEIRD/ünknown')?.code).toBe('ERR_WEIRD__nknown');
  });
});

describe('HTTP answers', () => {
  it.each([
    [500, { kind: 'http', code: '500' }],
    [502, { kind: 'http', code: '502' }],
    [503, { kind: 'http', code: '503' }],
    [599, { kind: 'http', code: '599' }],
  ])('%i is an outage', (status, expected) => {
    expect(httpFailure(status)).toEqual(expected);
    expect(isHealthyStatus(status)).toBe(false);
  });
  it.each([200, 204, 301, 304, 404, 403])('%i is not', (status) => {
    expect(httpFailure(status)).toBeUndefined();
  });
  it('a 4xx neither fails nor heals the application', () => {
    expect(isHealthyStatus(404)).toBe(false);
    expect(isHealthyStatus(200)).toBe(true);
    expect(isHealthyStatus(302)).toBe(true);
  });
});

describe('the outage in words', () => {
  it.each([
    ['network', 'ERR_CONNECTION_REFUSED', 'de', 'Verbindung abgelehnt'],
    ['network', 'NS_ERROR_CONNECTION_REFUSED', 'en', 'connection refused'],
    ['network', 'ERR_NAME_NOT_RESOLVED', 'de', 'Server nicht gefunden'],
    ['network', 'NS_ERROR_UNKNOWN_HOST', 'de', 'Server nicht gefunden'],
    ['timeout', 'ERR_TIMED_OUT', 'de', 'Zeitüberschreitung'],
    ['network', 'ERR_CERT_AUTHORITY_INVALID', 'de', 'Sicherheitszertifikat abgelehnt'],
    ['network', 'ERR_SOMETHING_NEW', 'de', 'nicht erreichbar'],
    ['http', '503', 'de', 'Dienst nicht verfügbar'],
    ['http', '502', 'en', 'bad gateway'],
    ['http', '599', 'de', 'Serverfehler'],
    ['unresponsive', undefined, 'de', 'Anwendung reagiert nicht'],
  ] as const)('%s %s (%s) → %s', (kind, code, lang, words) => {
    expect(outageWords(kind, code, lang)).toBe(words);
  });

  it('the generated note names the application and the code, in the UI language', () => {
    expect(outageNote('Demo-Jobcenter', 'network', 'ERR_CONNECTION_REFUSED', 'de')).toBe(
      'Störung gemeldet: Demo-Jobcenter nicht erreichbar (ERR_CONNECTION_REFUSED)',
    );
    expect(outageNote('E-Akte', 'http', '503', 'de')).toBe(
      'Störung gemeldet: E-Akte antwortet mit Fehler 503 (Dienst nicht verfügbar)',
    );
    expect(outageNote('E-Akte', 'http', '503', 'en')).toBe(
      'Outage reported: E-Akte answers with error 503 (service unavailable)',
    );
    expect(outageNote('E-Akte', 'error-message', undefined, 'de')).toBe(
      'Störung gemeldet: E-Akte zeigt eine Fehlermeldung',
    );
    expect(outageNote('E-Akte', 'network', undefined, 'de')).toBe(
      'Störung gemeldet: E-Akte nicht erreichbar',
    );
  });
});
