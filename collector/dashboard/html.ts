/** Markup that is already safe: produced by `html` or explicitly trusted with `raw`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Bidirectional embedding, override and isolate controls. Left in, a note's U+202E (right-to-left
// override) shows the text after it reversed, so what an officer reads is not what was written
// (issue #14, item 9). They are shown as visible marks such as [U+202E] instead.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Escapes text for element content and quoted attribute values, and neutralises bidirectional
 * controls by showing them as marks.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'\u202A-\u202E\u2066-\u2069]/g,
    (char) =>
      ESCAPES[char] ??
      (BIDI_CONTROL.test(char) ? `[U+${char.charCodeAt(0).toString(16).toUpperCase()}]` : char),
  );
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template for markup: every interpolated value is escaped unless it is `Html` (arrays are
 * rendered item by item), so notes and other untrusted text can only ever appear as text. Attribute
 * values must be quoted in the template.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Trusts a constant string as markup. Never pass anything derived from a request or a record. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so no text in the data can
 * close the element.
 */
export function jsonScript(data: unknown): Html {
  return new Html(JSON.stringify(data).replace(/</g, '\\u003c'));
}
