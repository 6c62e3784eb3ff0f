/**
 * Reading text from the host page without ever reading what is typed into it: form controls and
 * editable regions are skipped entirely (a <textarea>'s text content is its value, a <select>'s
 * options reveal the choice), as are scripts and our own UI.
 */
const SKIP =
  'textarea,select,option,input,script,style,noscript,template,[contenteditable]:not([contenteditable="false"]),mitsprache-feedback';

/** Visible-ish text of an element, whitespace-collapsed, without any form or editable content. */
export function safeText(element: Element | null | undefined, max = 300): string | undefined {
  if (!element || element.closest(SKIP)) return undefined;
  let out = '';
  const walker = element.ownerDocument.createTreeWalker(
    element,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    {
      acceptNode: (node) =>
        node.nodeType === Node.ELEMENT_NODE && (node as Element).matches(SKIP)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    },
  );
  for (let node = walker.nextNode(); node && out.length < max * 2; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) out += `${node.nodeValue} `;
  }
  // KoliBri and similar web components carry their visible label in an attribute.
  const label = element.getAttribute('_label') ?? element.getAttribute('aria-label');
  const text = (out.trim() ? out : (label ?? '')).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}

/**
 * For something inside a table cell or a definition, the column header or term it belongs to:
 * the cell's own text is client data (a name, a birth date), its column is what the note is about.
 */
function dataLabel(element: Element): string | undefined {
  const cell = element.closest('td');
  if (cell) {
    const table = cell.closest('table');
    const index = (cell as HTMLTableCellElement).cellIndex;
    const header =
      table?.querySelector('thead tr')?.children[index] ?? table?.querySelector('tr')?.children[index];
    return safeText(header?.localName === 'th' ? header : undefined) ?? '';
  }
  const definition = element.closest('dd');
  if (definition) {
    let term = definition.previousElementSibling;
    while (term && term.localName !== 'dt') term = term.previousElementSibling;
    return safeText(term) ?? '';
  }
  return undefined;
}

/** The accessible name of an element the user pointed at (labels, aria, alt, title — never a value). */
export function accessibleName(element: Element): string {
  const data = dataLabel(element);
  if (data !== undefined) return data;
  const doc = element.ownerDocument;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => safeText(doc.getElementById(id)))
      .filter(Boolean)
      .join(' ');
    if (text) return text;
  }
  const direct = element.getAttribute('aria-label') ?? element.getAttribute('_label');
  if (direct) return direct.trim().slice(0, 300);
  if (element.id) {
    const label = doc.querySelector(`label[for="${CSS.escape(element.id)}"]`);
    const text = safeText(label);
    if (text) return text;
  }
  const wrapping = element.closest('label');
  if (wrapping) return safeText(wrapping) ?? '';
  return (
    element.getAttribute('alt') ??
    element.getAttribute('title') ??
    element.getAttribute('placeholder') ??
    safeText(element) ??
    ''
  ).slice(0, 300);
}
