/**
 * Our UI's home in the page: a custom element with an open shadow root (reachable by assistive
 * technology and test tools; nothing sensitive lives in it — the note is typed in a cross-origin
 * iframe). `:host { all: initial !important }` wins over any page rule on the host, because inside the
 * shadow tree important declarations beat the outer page's. Styles are a constructed stylesheet, which
 * a page's CSP (style-src) does not block.
 *
 * We don't use WXT's createShadowRootUi here: it bundles auto-mount and logging code worth 4 KB gzipped,
 * half the content script's budget, for a job this small.
 */
export interface ShadowHost {
  host: HTMLElement;
  container: HTMLElement;
  remove(): void;
}

export function createShadowHost(name: string, css: string): ShadowHost {
  const host = document.createElement(name);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:host { all: initial !important; display: block !important; } ${css}`);
  shadow.adoptedStyleSheets = [sheet];
  const container = document.createElement('div');
  shadow.append(container);
  return { host, container, remove: () => host.remove() };
}
