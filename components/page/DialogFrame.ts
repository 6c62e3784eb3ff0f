/** Props of the iframe that hosts the note dialog. */
export interface DialogFrameProps {
  /** The dialog page's address (never with the capture: the page can read it; see DialogSlot). */
  src: string;
  title: string;
}

/**
 * The note dialog is an extension page in an iframe: its own origin, so the host page cannot read
 * what is typed, nor see the keystrokes (capture-phase listeners on the page's window never fire
 * for key events inside a cross-origin frame). use_dynamic_url keeps the URL unguessable.
 */
export function DialogFrame(props: DialogFrameProps): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.className = 'frame';
  frame.title = props.title;
  frame.setAttribute('allow', '');
  frame.src = props.src;
  return frame;
}
