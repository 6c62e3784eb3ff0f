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

// Written for the rules of session 9: check digits computed here, forms chosen by hand.
describe('identifiers in the forms people type', () => {
  it('masks a Steuer-ID glued to letters, in a file name, or grouped with slashes, hyphens or dots', () => {
    for (const text of [
      'steuerid86095742719 fehlt',
      'Scan_86095742719.pdf lädt nicht',
      'TIN 86/095/742/719 invalid',
      'Steuer-ID 86-095-742-719',
      'Steuer-ID 86.095.742.719',
    ])
      expect(masked(text)).not.toMatch(/095|742/);
  });

  it('masks an ID card serial written in groups, glued to its label, or with the nationality after it', () => {
    for (const text of [
      'Ausweis L01X 00T 471',
      'Pass T2200 01293',
      'ausweisL01X00T471',
      'L01X00T471D',
      'Ausweisnr. LFGH3KLMN fehlt',
    ])
      expect(masked(text)).not.toMatch(/00T|2200|LFGH|01X/i);
  });

  it('keeps the codes of tickets, rooms, devices, releases and directives', () => {
    expectKept([
      'Störung im Ticket 2025-11-0432 gemeldet.',
      'Meldung an den Helpdesk unter Vorgang SR-48213 erfolgt.',
      '#INC-2025-0815 ist erledigt.',
      'Jira-Ticket ALLEGRO-1234 ist offen.',
      'Die Weisung 202411003 ist noch nicht eingepflegt.',
      'Build 8.14.2-rc3 ist auf der Testumgebung.',
      'Rechner JC-WS-0815 startet ständig neu.',
      'Siehe Ticket #4711 im ServiceNow.',
      'Testfall TF-1234 schlägt fehl.',
    ]);
  });
});

describe('ID card serials without a label', () => {
  it('masks a nine-character serial with a digit in one case, in a file name after "pa_", or alone in a cell', () => {
    for (const text of [
      'Datei pa_w9gkytgyg_vorderseite.jpg fehlt',
      'Serie KRT9HLNPW steht im Feld',
      'CFG7 LKMN2',
    ])
      expect(masked(text)).not.toMatch(/w9gk|KRT9|LKMN/i);
  });

  it('keeps mixed-case tokens and words of that alphabet', () => {
    expectKept(['Der Button "MyKrtPlan9" fehlt.', 'Im Feld steht CRLF.']);
  });
});
