/** Props of the short notice the page shows after the dialog closed. */
export interface PageNoticeProps {
  signal: AbortSignal;
}

/** The notice: `show(text, ms)` says it for a moment; the element stays, empty, between notices. */
export interface PageNotice {
  element: HTMLElement;
  show(text: string, ms: number): void;
}

/**
 * A polite live region beside the button. It exists (empty, shown as nothing) from the start, so screen readers announce
 * what appears in it; it never takes focus or a click, so a caseworker mid-conversation just carries
 * on. It says only our own fixed texts ("Gespeichert"), never anything typed: the page can read it.
 */
export function PageNotice({ signal }: PageNoticeProps): PageNotice {
  const element = document.createElement('div');
  element.className = 'notice';
  element.setAttribute('role', 'status');
  element.dataset.testid = 'page-notice';
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return {
    element,
    show(text, ms) {
      clearTimeout(timer);
      element.textContent = text;
      timer = setTimeout(() => {
        element.textContent = '';
      }, ms);
    },
  };
}
