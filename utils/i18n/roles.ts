import type { Lang } from './lang';

/**
 * Words for the ARIA roles the element picker records (entrypoints/content/selector.ts `roleOf`), so a
 * picked element reads "Reiter: Leistungen" and not "tab: Leistungen". The record keeps the role itself
 * (officers filter by it); only what a person reads is translated.
 */
const ROLE_WORDS: Record<Lang, Record<string, string>> = {
  de: {
    link: 'Link',
    button: 'Schaltfläche',
    textbox: 'Eingabefeld',
    combobox: 'Auswahlliste',
    checkbox: 'Kontrollkästchen',
    radio: 'Optionsfeld',
    table: 'Tabelle',
    cell: 'Tabellenzelle',
    columnheader: 'Spaltenüberschrift',
    row: 'Tabellenzeile',
    img: 'Bild',
    navigation: 'Navigation',
    form: 'Formular',
    heading: 'Überschrift',
    list: 'Liste',
    listitem: 'Listeneintrag',
    dialog: 'Dialog',
    tab: 'Reiter',
    tablist: 'Reiterleiste',
    tabpanel: 'Reiterinhalt',
    menu: 'Menü',
    menuitem: 'Menüeintrag',
    alert: 'Meldung',
    status: 'Statusanzeige',
    switch: 'Schalter',
    generic: 'Bereich',
  },
  en: {
    link: 'Link',
    button: 'Button',
    textbox: 'Text field',
    combobox: 'Drop-down list',
    checkbox: 'Checkbox',
    radio: 'Radio button',
    table: 'Table',
    cell: 'Table cell',
    columnheader: 'Column header',
    row: 'Table row',
    img: 'Image',
    navigation: 'Navigation',
    form: 'Form',
    heading: 'Heading',
    list: 'List',
    listitem: 'List item',
    dialog: 'Dialog',
    tab: 'Tab',
    tablist: 'Tab list',
    tabpanel: 'Tab panel',
    menu: 'Menu',
    menuitem: 'Menu item',
    alert: 'Alert',
    status: 'Status',
    switch: 'Switch',
    generic: 'Area',
  },
};

/** The role in the reader's language; a role we have no word for (a custom element's tag) shows as "Element". */
export function roleLabel(role: string, lang: Lang): string {
  const words = ROLE_WORDS[lang];
  return (Object.hasOwn(words, role) ? words[role] : undefined) ?? 'Element';
}
