import type { Lang } from '../../utils/i18n/lang';

/**
 * The few strings the content script shows. Kept apart from the page dictionaries so the
 * content script, which runs on every matched page, stays small.
 */
export const CONTENT_STRINGS = {
  de: {
    button: 'Feedback',
    buttonLabel: 'Rückmeldung zu diesem Bildschirm geben',
    collapse: 'Feedback-Knopf einklappen',
    expand: 'Feedback-Knopf ausklappen',
    moveHint: 'Mit Alt und Pfeiltasten verschieben',
    dialogTitle: 'Rückmeldung geben',
    pickerHint: 'Klicken Sie auf das Element, um das es geht. Esc bricht ab.',
    saved: 'Gespeichert – danke!',
    draftKept: 'Entwurf behalten – er ist beim nächsten Öffnen auf diesem Bildschirm wieder da.',
  },
  en: {
    button: 'Feedback',
    buttonLabel: 'Give feedback on this screen',
    collapse: 'Collapse the feedback button',
    expand: 'Expand the feedback button',
    moveHint: 'Move with Alt and the arrow keys',
    dialogTitle: 'Give feedback',
    pickerHint: 'Click the element your note is about. Esc cancels.',
    saved: 'Saved – thank you!',
    draftKept: 'Draft kept – it is back the next time you open feedback on this screen.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type ContentStrings = Record<keyof (typeof CONTENT_STRINGS)['de'], string>;
