/**
 * Styles of the element picker, in our shadow root beside the button's (FeedbackButton.css.ts). Apart from
 * those because the picker ships in the page tools, loaded on the first use (entrypoints/page-tools/).
 */
export const PICKER_CSS = `
.highlight { position: fixed; z-index: 2147483647; pointer-events: none; outline: 3px solid #ffbf47;
  background: rgba(255,191,71,.15); }
.hint { position: fixed; z-index: 2147483647; left: 50%; top: 12px; transform: translateX(-50%);
  padding: 8px 12px; background: #1d1d1b; color: #fff; border-radius: 6px; font: 500 14px system-ui, sans-serif; }
`;
