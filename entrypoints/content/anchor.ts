/**
 * Where our UI must live right now: inside the topmost open modal <dialog> (everything outside a
 * modal dialog is inert, and error pop-ups are exactly what caseworkers want to report), else
 * directly under <html> — outside <body>, which apps like to replace wholesale.
 */
export function currentAnchor(doc: Document): Element {
  const modals = [...doc.querySelectorAll('dialog[open]')].filter((dialog) => dialog.matches(':modal'));
  return modals.at(-1) ?? doc.documentElement;
}

/**
 * Keeps `host` attached to the current anchor: re-attaches it when the page drops foreign nodes
 * (re-rendering the whole document) and moves it in and out of modal dialogs as they open and close.
 */
export function keepAnchored(host: Element, signal: AbortSignal): void {
  const doc = host.ownerDocument;
  const place = () => {
    const anchor = currentAnchor(doc);
    if (host.parentNode !== anchor) anchor.append(host);
  };
  const observer = new MutationObserver(place);
  // childList on <html> only (cheap) catches body replacement; the 'open' attribute filter catches dialogs.
  observer.observe(doc.documentElement, { childList: true });
  observer.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: ['open'] });
  // showModal() on an already-open dialog and close() fire 'toggle'/'close' without attribute changes in some engines.
  doc.addEventListener('close', place, { capture: true, signal });
  doc.addEventListener('toggle', place, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  place();
}
