/**
 * A CSS selector that finds the element again on the next visit: stable attributes first (test ids,
 * name, a non-generated id), else a short tag:nth-of-type path. Inside web components the path
 * continues past the shadow host with ">>>". Values that look like data are redacted later.
 */
const STABLE_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'name', 'aria-label', 'role'];

function looksGenerated(id: string): boolean {
  return /\d{3,}|[a-f0-9]{8,}|^(ember|react|ng|mui|css)-?/i.test(id);
}

function step(element: Element): string {
  const tag = element.localName;
  if (element.id && !looksGenerated(element.id)) return `${tag}#${CSS.escape(element.id)}`;
  for (const attribute of STABLE_ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (value && value.length <= 60) return `${tag}[${attribute}="${CSS.escape(value)}"]`;
  }
  const parent = element.parentElement;
  if (!parent) return tag;
  const sameTag = [...parent.children].filter((child) => child.localName === tag);
  return sameTag.length > 1 ? `${tag}:nth-of-type(${sameTag.indexOf(element) + 1})` : tag;
}

/** Selector for `element`, at most `depth` steps per tree. */
export function stableSelector(element: Element, depth = 5): string {
  const parts: string[] = [];
  let current: Element | null = element;
  while (current && parts.length < depth) {
    const part = step(current);
    parts.unshift(part);
    if (part.includes('#') || part.includes('[data-test')) break;
    current = current.parentElement;
  }
  const root = element.getRootNode();
  const selector = parts.join(' > ');
  return root instanceof ShadowRoot ? `${stableSelector(root.host, 3)} >>> ${selector}` : selector;
}

const IMPLICIT_ROLES: Record<string, string> = {
  a: 'link',
  button: 'button',
  input: 'textbox',
  select: 'combobox',
  textarea: 'textbox',
  table: 'table',
  td: 'cell',
  th: 'columnheader',
  tr: 'row',
  img: 'img',
  nav: 'navigation',
  form: 'form',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  ul: 'list',
  ol: 'list',
  li: 'listitem',
  dialog: 'dialog',
};

/** The ARIA role, explicit or implied by the element (enough to tell officers what was pointed at). */
export function roleOf(element: Element): string {
  const explicit = element.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0] ?? explicit;
  const tag = element.localName;
  if (tag === 'input') {
    const type = (element as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return type;
    if (type === 'button' || type === 'submit') return 'button';
  }
  return IMPLICIT_ROLES[tag] ?? (tag.includes('-') ? tag : 'generic');
}
