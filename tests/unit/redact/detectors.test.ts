import { describe, expect, it } from 'vitest';
import { redactText } from '../../../utils/redact/text';
import { ibanFor } from './generators';

const groupsOf4 = (value: string) => value.replace(/(.{4})(?=.)/g, '$1 ');

// Each row: what the caseworker typed, what must be stored. Positive rows put the value in running
// text, with spaces, at a line end and next to punctuation; negative rows are ordinary sentences.
const table = (rows: [string, string][]) => rows;

describe('e-mail', () => {
  it.each(
    table([
      ['Mail von max.mustermann@example.de kam nicht an.', 'Mail von [E-MAIL] kam nicht an.'],
      ['Kontakt (a.yilmaz@web.de), bitte prüfen', 'Kontakt ([E-MAIL]), bitte prüfen'],
      ['Adresse:\nj.weber+jc@posteo.de\nfalsch', 'Adresse:\n[E-MAIL]\nfalsch'],
      ['schreibt an info@vermietung-hartmann.de.', 'schreibt an [E-MAIL].'],
      ['max (at) example.de ist die Adresse', '[E-MAIL] ist die Adresse'],
      ['Umlaute: jürgen.groß@müller-bau.de geht nicht', 'Umlaute: [E-MAIL] geht nicht'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('phone', () => {
  it.each(
    table([
      ['Rückruf unter 0511 1234567 erbeten', 'Rückruf unter [TELEFON] erbeten'],
      ['mobil 0171-2345678.', 'mobil [TELEFON].'],
      ['+49 511 9876543 wird gekürzt', '[TELEFON] wird gekürzt'],
      ['+49 (0) 40 123 456 78, bitte', '[TELEFON], bitte'],
      ['(0511) 7654321 und 0152 12345678', '[TELEFON] und [TELEFON]'],
      ['0049 30 12345678', '[TELEFON]'],
      ['Tel.: 05121/123456\nweiter', 'Tel.: [TELEFON]\nweiter'],
      ['030 / 987 654 32 geht nicht', '[TELEFON] geht nicht'],
      ['0511 - 123 456-0 (Zentrale)', '[TELEFON] (Zentrale)'],
      ['Durchwahl 4711 fehlt', 'Durchwahl [TELEFON] fehlt'],
      ['Rückruf an 0511.123456 bitte', 'Rückruf an [TELEFON] bitte'],
      ['+90 532 123 45 67 (Türkei)', '[TELEFON] (Türkei)'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it.each([
    'Seit 10:30 Uhr ist ALLEGRO nicht erreichbar.',
    'Der Button Speichern ist ausgegraut, Fehler 0815.',
    'Ein Betrag von 1.234,56 € wird falsch gerundet.',
    'Nach § 31 SGB II fehlt die Belehrung.',
    'Version 3.2.1 hat den Fehler, 0.9.1 nicht.',
    'Seit dem 01.02.2024 ist die Maske langsam.',
    'Der Zeitraum 01/2024 bis 06/2024 wird falsch angezeigt.',
    'Die Liste zeigt 2024 Einträge.',
    'Sprechzeiten 08:00-12:00 Uhr.',
    'Mit 0 Treffern endet die Suche.',
    'Fehlercode 0x80070005 beim Speichern.',
  ])('leaves %j alone', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('IBAN', () => {
  it.each(
    table([
      ['IBAN DE89 3704 0044 0532 0130 00 wird abgelehnt', 'IBAN [IBAN] wird abgelehnt'],
      ['Konto: DE89370400440532013000.', 'Konto: [IBAN].'],
      ['(GB82 WEST 1234 5698 7654 32)', '([IBAN])'],
      ['NL91ABNA0417164300\nnicht erfassbar', '[IBAN]\nnicht erfassbar'],
      ['FR14 2004 1010 0505 0001 3M02 606, Vermieter', '[IBAN], Vermieter'],
      ['kleingeschrieben de89 3704 0044 0532 0130 00', 'kleingeschrieben [IBAN]'],
      // A typo'd German IBAN fails mod 97 and is still a bank account: masked anyway.
      ['vertippt: DE12 3704 0044 0532 0130 99', 'vertippt: [IBAN]'],
      [
        'ungruppiert DE 89 wird nicht erkannt, DE893704004405320130 00 schon',
        'ungruppiert DE 89 wird nicht erkannt, [IBAN] schon',
      ],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it('validates IBANs of countries missing from the length table at every plausible length', () => {
    const libyan = ibanFor('LY', '002048000020100120361');
    expect(redactText(`Konto ${libyan} in Tripolis`).text).toBe('Konto [IBAN] in Tripolis');
    expect(redactText(`Konto ${groupsOf4(libyan)}.`).text).toBe('Konto [IBAN].');
  });

  it.each([
    'Die Anzeige der IBAN ist nicht maskiert.',
    'Produktschlüssel AB12CDEF34GH56IJ78 ist abgelaufen.',
    'Der Fehler tritt bei DE-Konten seit 2024 auf.',
  ])('leaves %j alone', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('Rentenversicherungsnummer', () => {
  it.each(
    table([
      ['RV-Nr 65 170839 J 00 3 fehlt', 'RV-Nr [RVNR] fehlt'],
      ['VSNR: 65170839J003.', 'VSNR: [RVNR].'],
      ['(12 030485 M 51 3)', '([RVNR])'],
      ['Nummer 53290772S024\nfalsch', 'Nummer [RVNR]\nfalsch'],
      // Wrong check digit, plausible birth date: a mistyped number, masked.
      ['vertippt 65 170839 J 00 4', 'vertippt [RVNR]'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it('leaves a shape with an impossible month and a wrong check digit alone', () => {
    expect(redactText('Code 65 171339 J 00 4 im Log').text).toBe('Code 65 171339 J 00 4 im Log');
  });
});

describe('Steuer-ID', () => {
  it.each(
    table([
      ['Steuer-ID 86095742719 ungültig', 'Steuer-ID [STEUER-ID] ungültig'],
      ['Nummer 57 281 936 483, bitte prüfen', 'Nummer [STEUER-ID], bitte prüfen'],
      ['(47125896304)', '([STEUER-ID])'],
      ['IdNr:\n25948173623', 'IdNr:\n[STEUER-ID]'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('BG-Nummer, Kundennummer, Aktenzeichen', () => {
  it.each(
    table([
      ['BG 12345//0012345 doppelt', 'BG [BG-NR] doppelt'],
      ['BG-Nummer 23456 // 0098765.', 'BG-Nummer [BG-NR].'],
      ['(34567BG1234567)', '([BG-NR])'],
      ['Kundennummer 123D456789 nicht gefunden', 'Kundennummer [KUNDENNR] nicht gefunden'],
      ['Suche nach 456a123456, ohne Treffer', 'Suche nach [KUNDENNR], ohne Treffer'],
      ['Az. JC-2024-004711 fehlt', 'Az. [AKTENZEICHEN] fehlt'],
      ['Widerspruch II-4711/2024.', 'Widerspruch [AKTENZEICHEN].'],
      ['Verfahren S 12 AS 3456/24 B ER', 'Verfahren [AKTENZEICHEN]'],
      ['Akte AZ20240047\noffen', 'Akte [AKTENZEICHEN]\noffen'],
      [
        'https://ea.jc.example/akte/JC-2024-004711/leistungen',
        'https://ea.jc.example/akte/[AKTENZEICHEN]/leistungen',
      ],
      ['Konto 1234567890 und BLZ 37040044', 'Konto [WERT] und BLZ [WERT]'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it.each([
    'Windows-2019 Server ist langsam.',
    'Die Zeichenkodierung ISO-8859-1 zerstört Umlaute.',
    'Fehler ORA-01017 beim Anmelden.',
    'Die Datei bescheid_2024_final.pdf lässt sich nicht öffnen.',
    'Update-2024 hat die Ansicht verändert.',
    'Die Anwendung läuft auf Server jc-app-01.',
    'Build 20241105.3 ist installiert.',
  ])('leaves %j alone', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('dates', () => {
  it.each(
    table([
      ['Kundin, geb. 12.03.1985, fehlt', 'Kundin, geb. [GEBURTSDATUM], fehlt'],
      ['geboren am 3. März 2019.', 'geboren am [GEBURTSDATUM].'],
      ['Geburtsdatum: 1985-03-12\nfalsch', 'Geburtsdatum: [GEBURTSDATUM]\nfalsch'],
      ['der Sohn (* 7.11.62) hat', 'der Sohn (* [GEBURTSDATUM]) hat'],
      ['geboren in Aleppo am 02.02.1995', 'geboren in Aleppo am [GEBURTSDATUM]'],
      ['Jahrgang 1968, Altersgrenze', 'Jahrgang [GEBURTSDATUM], Altersgrenze'],
      ['geb. 12/03/1985', 'geb. [GEBURTSDATUM]'],
      ['Geburtstag am 12.03. im Kalender', 'Geburtstag am [GEBURTSDATUM] im Kalender'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it.each([
    'Seit dem 01.03.2024 fehlt der Button.',
    'Der Bescheid vom 12. März wurde doppelt versendet.',
    'Geburtsdatum-Feld fehlt. Am 12.03.2024 ging es noch.',
    'Einladung zum 2024-11-25 hat falschen Wochentag.',
  ])('leaves an ordinary date alone: %j', (input) => {
    expect(redactText(input).text).toBe(input);
  });

  it.each(
    table([
      ['Termin am 14.03.2024 fehlt', 'Termin am [DATUM] fehlt'],
      ['ab 1. Juli 2024', 'ab [DATUM]'],
      ['zum 2024-11-25.', 'zum [DATUM].'],
    ]),
  )('with allDates: %j → %j', (input, expected) => {
    expect(redactText(input, { allDates: true }).text).toBe(expected);
  });

  it('does not take a version number for a date unless all dates are masked', () => {
    expect(redactText('Update auf 3.2.10 am Montag').text).toBe('Update auf 3.2.10 am Montag');
  });
});

describe('addresses', () => {
  it.each(
    table([
      ['wohnt Musterstraße 12a, 30159 Hannover.', 'wohnt [ANSCHRIFT], [PLZ-ORT].'],
      ['Umzug nach Am Beispielweg 3\n31134 Hildesheim', 'Umzug nach [ANSCHRIFT]\n[PLZ-ORT]'],
      ['Hauptstr. 5 und Musterstr.12', '[ANSCHRIFT] und [ANSCHRIFT]'],
      ['jetzt Lange Reihe 7 b, Hamburg', 'jetzt [ANSCHRIFT]'],
      ['Berliner Straße 45 (Hinterhaus)', '[ANSCHRIFT] (Hinterhaus)'],
      ['Karl-Marx-Allee 101', '[ANSCHRIFT]'],
      ['Goethestraße 17/19 hat drei BGs', '[ANSCHRIFT] hat drei BGs'],
      ['An der Mühle 3', '[ANSCHRIFT]'],
      ['60311 Frankfurt am Main passt nicht', '[PLZ-ORT] passt nicht'],
      ['nach 06108 Halle (Saale).', 'nach [PLZ-ORT].'],
      ['D-30159 Hannover', '[PLZ-ORT]'],
      ['wohnt in der Wiesenstraße bei den Eltern', 'wohnt in der [ANSCHRIFT] bei den Eltern'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it.each([
    'Im Feld 3 fehlt die Auswahl.',
    'Das Eingabefeld 2 nimmt keine Umlaute an.',
    'Der Arbeitsplatz 12 hat kein Headset.',
    'Die Zeile 7 der Tabelle ist leer.',
    'Über 12000 Seitenaufrufe bringen den Server an die Grenze.',
    'Die Liste hat 15000 Zeilen.',
    'Es kostet 12000 Euro im Jahr.',
    'Der Editor 2 stürzt ab.',
    'Im Schritt 3 des Antrags fehlt der Weiter-Button.',
    'Das Feld PLZ nimmt 30159 nicht an.',
  ])('leaves %j alone', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('labelled values and salutations', () => {
  it.each(
    table([
      ['Kundennummer: ABC-99 ungültig', 'Kundennummer: [WERT] ungültig'],
      ['Kd.-Nr. 4711-0815, bitte', 'Kd.-Nr. [WERT], bitte'],
      ['Geschäftszeichen: 962-0815/2024\nVorlage', 'Geschäftszeichen: [WERT]\nVorlage'],
      ['Gz. 41-4711-2024: Druck', 'Gz. [WERT]: Druck'],
      ['Steuernummer 21/815/08150 fehlt', 'Steuernummer [WERT] fehlt'],
      ['Ausweisnummer: L01X00T47.', 'Ausweisnummer: [WERT].'],
      ['die Kundennummer ist 0815 42 A', 'die Kundennummer ist [WERT]'],
      ['Name: Mustermann, Erika – Suche', 'Name: [WERT] – Suche'],
      ['Kunde Schulz hat angerufen', 'Kunde [NAME] hat angerufen'],
      ['Antragsteller: Jonas Becker\nfehlt', 'Antragsteller: [WERT]\nfehlt'],
      ['Herr Müller rief an', 'Herr [NAME] rief an'],
      ['Frau Dr. Müller-Lüdenscheidt wartet', 'Frau Dr. [NAME] wartet'],
      ['Herr Prof. Dr. Meyer-Ott beschwert sich', 'Herr Prof. Dr. [NAME] beschwert sich'],
      ['bei Herrn Hans Peter Meier.', 'bei Herrn [NAME].'],
      ['Frau von der Heide steht unter V', 'Frau [NAME] steht unter V'],
      ['Frau al-Hassan, bitte', 'Frau [NAME], bitte'],
      ['Frau Koch (Kundin)', 'Frau [NAME] (Kundin)'],
      ['Herr Müller Bescheid geben', 'Herr [NAME] Bescheid geben'],
      ['Frau Richter geb. Wolf', 'Frau [NAME] geb. [NAME]'],
      ['Familie Petrović hat', 'Familie [NAME] hat'],
    ]),
  )('%j → %j', (input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });

  it.each([
    'Das Feld Kundennummer ist in der Suche nicht vorbelegt.',
    'Die Kundennummer fehlt im Kopf des Ausdrucks.',
    'Kundennummer: ungültig, sagt die Fehlermeldung.',
    'Das Feld Name ist bei Doppelnamen zu kurz.',
    'Die Kundin ist Jahrgang-Zweite im Kurs.',
    'Anrede: Herr Frau Divers ist als Auswahl nicht barrierefrei.',
    'Frau und Herr als Anrede fehlen.',
    'Nach Eingabe der IBAN kommt Fehler 422.',
    'Der Benutzername wird abgeschnitten.',
  ])('leaves %j alone', (input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('page terms, configured terms and patterns', () => {
  const pageTerms = new Set(['Schmidt', 'Müller-Lüdenscheidt', 'Lüdenscheidt', 'Kaya']);

  it.each(
    table([
      ['Schmidt hat angerufen', '[NAME] hat angerufen'],
      ['SCHMIDT und schmidt', '[NAME] und [NAME]'],
      ["Schmidts Antrag und Kaya's Akte", '[NAME] Antrag und [NAME] Akte'],
      ['Frau Lüdenscheidt wartet', 'Frau [NAME] wartet'],
      ['die Kaya-Akte', 'die [NAME]-Akte'],
    ]),
  )('page terms: %j → %j', (input, expected) => {
    expect(redactText(input, { pageTerms }).text).toBe(expected);
  });

  it('matches page terms as whole words only: "Schmidt" on the page adds nothing to "Schmidtke"', () => {
    const input = 'Schmidtke ist jemand anderes';
    expect(redactText(input, { pageTerms }).masks).toEqual(redactText(input).masks);
  });

  it('accepts page terms as an array too', () => {
    expect(redactText('Akte Kaya', { pageTerms: ['kaya'] }).text).toBe('Akte [NAME]');
  });

  it.each(
    table([
      ['Die Tafel Hannover-Nord bekommt nichts', 'Die [BEGRIFF] bekommt nichts'],
      ['bei der diakonie  linden.', 'bei der [BEGRIFF].'],
      ['Diakonie Lindenblatt ist etwas anderes', 'Diakonie Lindenblatt ist etwas anderes'],
    ]),
  )('configured terms: %j → %j', (input, expected) => {
    expect(redactText(input, { terms: ['Tafel Hannover-Nord', 'Diakonie Linden'] }).text).toBe(expected);
  });

  it('masks configured patterns case-insensitively and skips ones that do not compile', () => {
    const patterns = [
      { name: 'broken', source: '(' },
      { name: 'Vorgang', source: 'VG-\\d{3}' },
    ];
    expect(redactText('Vorgang vg-123 hängt', { patterns }).text).toBe('Vorgang [MUSTER] hängt');
  });

  it('survives a pattern that matches the empty string', () => {
    expect(redactText('abc', { patterns: [{ name: 'empty', source: 'x*' }] }).text).toBe('abc');
  });
});
