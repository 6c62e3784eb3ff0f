import { describe, expect, it } from 'vitest';
import { expectKept, masked } from './masked';

describe('dates of birth in a sentence about someone’s age', () => {
  it('masks a recent date after "das Alter von …", in any case', () => {
    expect(masked('das alter von nurlanovna (5. jun. 2021) wird falsch berechnet.')).toBe(
      'das alter von [NAME] ([GEBURTSDATUM]) wird falsch berechnet.',
    );
  });

  it('keeps a date after "alter" the adjective', () => {
    expectKept(['ein alter Fehler, zuletzt am 03.11.2025 gesehen', 'ein alter Bescheid vom 01.02.2020']);
  });
});

describe('time stamps in a note (issue #16, item 10)', () => {
  it('keeps ISO 8601 time stamps whole: no file reference in the seconds, no birth date', () => {
    expectKept([
      'Fehler seit 2026-09-21T08:12:19.123Z, danach hängt die Suche.',
      'Log: 2026-09-21T08:12:19+02:00 ERROR Zeitüberschreitung',
      'Um 2026-09-21 08:12:19,123 kam der Fehler 500.',
    ]);
  });
});

describe('dates of birth after names ending in "v" (Smirnov, Hristov)', () => {
  // "v" alone marks a version ("v 3.2.10"); the end of "Hristov" did too, and kept the birth date.
  it('masks the date after a name ending in -ov or -ev', () => {
    expect(masked('Hr. Hristov, 1975-03-19, hat Widerspruch eingelegt – Eingabe dauert ewig')).toBe(
      'Hr. [NAME], [GEBURTSDATUM], hat Widerspruch eingelegt – Eingabe dauert ewig',
    );
    expect(masked('Geburtsdatum falsch übernommen bei Tsyden Smirnov, richtig ist 22.3.60')).toBe(
      'Geburtsdatum falsch übernommen bei [NAME] [NAME], richtig ist [GEBURTSDATUM]',
    );
  });

  it('reads "geb" without its dot before a date as "geboren"', () => {
    expect(masked('kundin smirnova geb 10.03.2019 wohnt jetzt woanders')).toBe(
      'kundin [NAME] geb [GEBURTSDATUM] wohnt jetzt woanders',
    );
  });

  it('still keeps version numbers that look like dates', () => {
    expectKept(['Seit v 3.2.10 hängt die Suche', 'Nach dem Update auf 3.2.10 fehlt der Button']);
  });
});

describe('dates of birth of children and by the words around them', () => {
  it('masks a date after a given name in a list, near "zur Welt" or a baby, and birth years', () => {
    expect(masked('Kinder: Leon 03.04.2019, Mia 12.08.2021')).toBe(
      'Kinder: [NAME] [GEBURTSDATUM], [NAME] [GEBURTSDATUM]',
    );
    expect(masked('Baby kam am 2.11.2025 zur Welt, Mehrbedarf fehlt')).toBe(
      'Baby kam am [GEBURTSDATUM] zur Welt, Mehrbedarf fehlt',
    );
    expect(masked('neugeborenes vom 2.11.2025 fehlt in der bg')).toBe(
      'neugeborenes vom [GEBURTSDATUM] fehlt in der bg',
    );
    expect(masked('Antrag der Kundin (Jg. 1988) fehlt')).toBe('Antrag der Kundin (Jg. [GEBURTSDATUM]) fehlt');
    expect(masked('Frau Kaya wurde 1988 geboren')).toBe('Frau [NAME] wurde [GEBURTSDATUM] geboren');
  });

  it('keeps appointments and versions', () => {
    const thisYear = new Date().getFullYear();
    expect(masked(`Termin mit Anna 12.08.${thisYear} verschoben`)).toBe(
      `Termin mit [NAME] 12.08.${thisYear} verschoben`,
    );
    expectKept(['Baby-Erstausstattung beantragt am 2.11.2025', 'Version 2.3 * 2024']);
  });
});

describe('years and months of birth in short forms', () => {
  it('masks a two-digit year after Jahrgang or Jg., a starred year in brackets, a month after geb.', () => {
    expect(masked('Kunde, Jahrgang 88, sucht Teilzeit')).toBe(
      'Kunde, Jahrgang [GEBURTSDATUM], sucht Teilzeit',
    );
    expect(masked('Sohn (*2015) besucht die Kita')).toBe('Sohn (*[GEBURTSDATUM]) besucht die Kita');
    expect(masked('geb. im April 1988 in Aleppo')).toBe('geb. im [GEBURTSDATUM] in Aleppo');
    expect(masked('DOB: 1975/03/12')).toBe('DOB: [GEBURTSDATUM]');
  });

  it('keeps a release date written year first and a starred field note', () => {
    expectKept(['Release 2024/03/12 eingespielt, Fehler bleibt', 'Feld Nachname (* Pflichtfeld) leer']);
  });
});

describe('dates of birth in a list, and beside a relative in a row', () => {
  it('masks every date of a list that a date of birth opens', () => {
    expect(masked('Geburtsdaten der Kinder: 11.03.2018, 2.9.2020 und 14.1.2023')).toBe(
      'Geburtsdaten der Kinder: [GEBURTSDATUM], [GEBURTSDATUM] und [GEBURTSDATUM]',
    );
  });

  it('masks a date in a row or bracket whose next cell names a child', () => {
    expect(masked('Mila | 9. Mai 2019 | Tochter')).toBe('[NAME] | [GEBURTSDATUM] | Tochter');
    expect(masked('20.06.2021 (Sohn)')).toBe('[GEBURTSDATUM] (Sohn)');
  });

  it('keeps dates of events in lists and rows', () => {
    expectKept(['Bescheide vom 03.02.2026 und 04.03.2026 liegen vor', 'Termin 12.11.2026 | Sohn kommt mit']);
  });
});

describe('dates of birth in American order and in a list of children with brackets', () => {
  it('masks them', () => {
    expect(masked('Nowak, Ewa | 11/28/1979 | applicant')).toBe('[NAME], [NAME] | [GEBURTSDATUM] | applicant');
    expect(masked('kinder: mia (04.02.2020), lou (15.5.2016).')).toBe(
      'kinder: [NAME] ([GEBURTSDATUM]), [NAME] ([GEBURTSDATUM]).',
    );
  });

  it('keeps event dates in brackets after words', () => {
    expectKept(['Termine (12.01.2026), Fristen (15.02.2026)', 'Termin am 12/11/2026']);
  });
});

describe('two-digit years a few years ahead', () => {
  it('reads them as deadlines, not as births a century ago', () => {
    expectKept(['Bewerbungsschluss 19.4.27, Stelle in Teilzeit']);
    expect(masked('geb. 3.4.27')).toBe('geb. [GEBURTSDATUM]');
  });
});

describe('old dates of laws, courts and statistics', () => {
  it('keeps them, while a person beside a date still makes it a birth date', () => {
    expectKept([
      'Die Regelung gilt seit dem 01.01.2005 unverändert.',
      'Am 1. Januar 2005 trat das SGB II in Kraft.',
      'Urteil des BSG, 12.3.2009, zur Angemessenheit',
      'Stichtag 30.06.2009 für die Statistik',
    ]);
    expect(masked('Frau Brandt, 12.3.1980, hat angerufen')).toBe(
      'Frau [NAME], [GEBURTSDATUM], hat angerufen',
    );
    expect(masked('Am 3.4.1980 geboren')).toBe('Am [GEBURTSDATUM] geboren');
  });
});
