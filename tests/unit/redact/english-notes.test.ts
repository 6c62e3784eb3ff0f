import { describe, expect, it } from 'vitest';
import { redactText } from '../../../utils/redact/text';
import { expectKept, masked } from './detectors/masked';

// Caseworkers with an English browser write English notes. Their words are no names, and their dates of
// birth come in English formats. Sentences written for this test, not taken from any corpus.
const text = (input: string) => redactText(input).text;

describe('English notes', () => {
  it.each([
    'The notice of 12.03.2024 was printed twice and the second copy had no page numbers.',
    'He is 34 years old and the form asks for the age again on the next screen.',
    'Every morning the login takes almost two minutes because of the certificate prompt.',
    'The household members tab loads slowly when there are more than six people.',
    'Please add an English label to the Next button; the tooltip mixes German and English.',
    'Since June the Save button and the Search field do nothing on Fridays.',
    'The decision dated 4 March 2010 is still valid, says the hotline.',
  ])('keeps an English sentence without client data as it is: %s', (sentence) => {
    expect(text(sentence)).toBe(sentence);
  });

  it.each([
    ['Client born April 3, 1988, came in today.', 'Client born [GEBURTSDATUM], came in today.'],
    ['She was born on the 3rd of April 1988 in Homs.', 'She was born on the [GEBURTSDATUM] in Homs.'],
    ['born 3rd April 88, no documents yet', 'born [GEBURTSDATUM], no documents yet'],
    [
      'date of birth March 14th, 1979, asked about the rent',
      'date of birth [GEBURTSDATUM], asked about the rent',
    ],
    [
      'Her son was born on 05/11/2019 and attends daycare.',
      'Her son was born on [GEBURTSDATUM] and attends daycare.',
    ],
    ['DOB Jan. 2, 1990, needs an interpreter.', 'DOB [GEBURTSDATUM], needs an interpreter.'],
    ['The child was born in March 2019.', 'The child was born in [GEBURTSDATUM].'],
  ])('masks a date of birth written the English way: %s', (input, masked) => {
    expect(text(input)).toBe(masked);
  });

  it('masks the names of an English note, the words around them stay', () => {
    expect(text('Daughter Lea is in school now and her mother Rosa works part time.')).toBe(
      'Daughter [NAME] is in school now and her mother [NAME] works part time.',
    );
    expect(text('The client Mark Hunt called about the notice.')).toBe(
      'The client [NAME] [NAME] called about the notice.',
    );
  });

  it('reads a German note by the German rules: an English word that is a surname stays masked there', () => {
    expect(text('Rückruf von Beck wegen der Miete')).toBe('Rückruf von [NAME] wegen der Miete');
  });

  it('keeps month names that only date something: "Mar 2020 bis Dez 2021", "since may 2019"', () => {
    expect(text('Mar 2020 bis Dez 2021 in einer Maßnahme')).toBe('Mar 2020 bis Dez 2021 in einer Maßnahme');
  });
});

describe('English honorifics typed in lower case', () => {
  it('masks the surname after mr., mrs., ms. in any case, and relatives as cues', () => {
    expect(masked('mr. brandt says the letter never came')).toBe('mr. [NAME] says the letter never came');
    expect(masked('ms. haileselassie was born on 1991-02-03')).toBe('ms. [NAME] was born on [GEBURTSDATUM]');
    expect(masked('She lives with her brother Jonas now')).toBe('She lives with her brother [NAME] now');
  });

  it('keeps English words after an honorific', () => {
    expectKept(['ms. word crashed again', 'the customer data is missing']);
  });
});
