import { describe, expect, it } from 'vitest';
import { expectKept, masked } from './masked';

describe('ID card and passport serials in a sentence about the document', () => {
  it('masks a serial with a single digit or a mistyped check digit after "Ausweis", "Pass"', () => {
    expect(masked('Ausweis von Frau K. (trzkwxpwx3) abgelaufen')).toBe(
      'Ausweis von Frau [NAME] ([WERT]) abgelaufen',
    );
    expect(masked('der reisepass hat die nummer lzxgkhmnp7, bitte ändern')).toBe(
      'der reisepass hat die nummer [WERT], bitte ändern',
    );
  });

  it('keeps such tokens without the document in the sentence', () => {
    expectKept(['Release WFLXGKXML fehlt', 'Passwort zurücksetzen für lzxgkhmnp7']);
  });
});
