import type { Lang } from '../i18n/lang';

/**
 * The prompt's words (issue #18), chosen in the background and handed to the content script with the
 * prompt, so the content script, paid for on every page load, carries none of them.
 */
export const PROMPT_WORDS = {
  de: {
    label: 'Eine kurze Frage der Digitalisierungsbeauftragten',
    answer: 'Beantworten',
    later: 'Später',
    never: 'Nicht mehr fragen',
    one: 'Frage',
    many: 'Fragen',
  },
  en: {
    label: 'A short question from the digitalisation officers',
    answer: 'Answer',
    later: 'Later',
    never: 'Do not ask again',
    one: 'question',
    many: 'questions',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** The button's count in the caseworker's language: "1 Frage", "2 Fragen"; '' for none. */
export function countText(count: number, lang: Lang): string {
  if (count <= 0) return '';
  return `${count} ${count === 1 ? PROMPT_WORDS[lang].one : PROMPT_WORDS[lang].many}`;
}
