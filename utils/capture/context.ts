import type { RawCaptureInput } from '../schema/capture';
import { safeText } from './safe-text';

export interface CaptureOptions {
  screenSelectors: readonly string[];
  /** Frame path such as "top" or "top>iframe[1]". */
  framePath: string;
}

const MAX_TEXTS = 3000;

/** First element matching any selector, searching open shadow roots too (web-component apps like KoliBri). */
function find(root: ParentNode, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const host of root.querySelectorAll('*')) {
    if (host.shadowRoot) {
      const inner = find(host.shadowRoot, selector);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * The application's frame around the work area: the page banner and footer (a header or footer that
 * is not part of an article or section). Its words are mostly the application's own — the job
 * centre's name and town, "Angemeldet: Team 412" — but some applications show the open case's client
 * there too, so the redactor decides per word (page-terms.ts). Breadcrumbs and the current item are
 * never frame: they name the client's file ("Kunden › Mustermann, Max"); nor is the navigation, whose
 * links already count as the application's vocabulary.
 */
const BREADCRUMB =
  'nav[aria-label*="readcrumb" i],nav[aria-label*="Brotkrumen" i],.breadcrumb,[role="navigation"][aria-label*="Pfad" i]';
const SECTIONING = 'main,article,section,aside,[role="main"]';

function inChrome(element: Element): boolean {
  if (element.closest(`${BREADCRUMB},[aria-current]`)) return false;
  if (element.closest('[role="banner"],[role="contentinfo"]')) return true;
  const edge = element.closest('header,footer');
  return !!edge && !edge.parentElement?.closest(SECTIONING);
}

function texts(doc: Document, selector: string, chromeOnly = false): string[] {
  const out: string[] = [];
  for (const element of doc.querySelectorAll(selector)) {
    if (chromeOnly && !inChrome(element)) continue;
    const text = safeText(element, 200);
    if (text) out.push(text);
    if (out.length >= MAX_TEXTS) break;
  }
  return out;
}

/**
 * Reads the screen's context when (and only when) the user asked for feedback. Raw text, redacted
 * later; never input values (see safe-text.ts).
 */
export function captureContext(doc: Document, options: CaptureOptions): RawCaptureInput {
  const win = doc.defaultView ?? window;
  let configuredScreen: string | undefined;
  for (const selector of options.screenSelectors) {
    try {
      configuredScreen = safeText(doc.querySelector(selector));
    } catch {
      // A broken selector from configuration is skipped, not fatal.
    }
    if (configuredScreen) break;
  }
  const breadcrumbNav = doc.querySelector(BREADCRUMB);
  const breadcrumb = breadcrumbNav
    ? [...breadcrumbNav.querySelectorAll('li,a')]
        .filter((el) => el.tagName === 'LI' || !el.closest('li'))
        .map((el) => safeText(el, 100) ?? '')
        .filter(Boolean)
        .slice(0, 12)
    : undefined;
  const current = [...doc.querySelectorAll('[aria-current="page"],[aria-current="true"]')].find(
    (el) => !breadcrumbNav?.contains(el),
  );
  const form = doc.querySelector('form[aria-label],form[name],form[aria-labelledby]');
  const formName =
    form?.getAttribute('aria-label') ??
    safeText(
      form?.getAttribute('aria-labelledby')
        ? doc.getElementById(form.getAttribute('aria-labelledby') ?? '')
        : null,
    ) ??
    form?.getAttribute('name') ??
    safeText(doc.querySelector('fieldset > legend'));
  return {
    href: win.location.href,
    title: doc.title.slice(0, 1000),
    heading: safeText(find(doc, 'h1,[role="heading"][aria-level="1"],kol-heading[_level="1"]')),
    breadcrumb,
    navigation: safeText(current),
    step: safeText(doc.querySelector('[aria-current="step"]')),
    tab: safeText(doc.querySelector('[role="tab"][aria-selected="true"]')),
    form: formName ?? undefined,
    configuredScreen,
    frame: { path: options.framePath, ...(options.framePath !== 'top' ? { href: win.location.href } : {}) },
    viewport: { width: win.innerWidth, height: win.innerHeight },
    screenSize: { width: win.screen.width, height: win.screen.height, pixelRatio: win.devicePixelRatio },
    sinceLoadMs: Math.max(0, Math.round(win.performance.now())),
    uiLanguage: doc.documentElement.lang || navigator.language,
    pageTexts: {
      // A heading's first word usually names the screen ("Fallakte …"); the rest of it often names the
      // client. A first word that is a name also stands in some data cell, which is included anyway.
      data: [
        ...texts(doc, 'td,dd,output,caption,strong,p,li'),
        ...texts(doc, 'h1,h2,h3').map((heading) => heading.replace(/^\S+\s*/, '')),
      ].slice(0, MAX_TEXTS),
      ui: texts(doc, 'th,dt,label,button,legend,nav a,[role="tab"],summary'),
      chrome: texts(doc, 'a,span,p,li,strong,h1,h2,h3,h4', true),
    },
  };
}
