/**
 * Styles of the in-page UI. They live inside our shadow root (after WXT's `:host { all: initial }`
 * reset), so the host page's CSS can't reach in and ours can't leak out.
 */
export const FEEDBACK_UI_CSS = `
.root { position: fixed; z-index: 2147483647; display: flex; align-items: stretch; gap: 0;
  font: 600 14px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.root[data-corner="bottom-right"] { right: var(--dx, 16px); bottom: var(--dy, 16px); }
.root[data-corner="bottom-left"] { left: var(--dx, 16px); bottom: var(--dy, 16px); }
.root[data-corner="top-right"] { right: var(--dx, 16px); top: var(--dy, 16px); }
.root[data-corner="top-left"] { left: var(--dx, 16px); top: var(--dy, 16px); }
button { all: unset; box-sizing: border-box; cursor: pointer; display: inline-flex; align-items: center;
  color: #fff; background: #005ea8; border: 2px solid #fff; box-shadow: 0 2px 6px rgba(0,0,0,.35); }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.open { padding: 8px 14px; border-radius: 20px 0 0 20px; touch-action: none; user-select: none; }
.count:not(:empty) { margin-left: 8px; padding: 1px 7px; border-radius: 9px; background: #fff; color: #005ea8; }
.toggle { padding: 8px 8px; border-radius: 0 20px 20px 0; border-left: 0; font-size: 12px; }
.root[data-collapsed] .open { display: none; }
.root[data-collapsed] .toggle { border-radius: 20px; border-left: 2px solid #fff; }
.root[data-dragging] .open { cursor: grabbing; }
/* Compact (issue #16, item 3): a narrow panel; its actions stick to its bottom edge (note-dialog/style.css). */
.frame { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; width: min(380px, calc(100vw - 32px));
  height: min(600px, calc(100vh - 32px)); border: 0; border-radius: 10px; background: #fff;
  box-shadow: 0 8px 32px rgba(0,0,0,.4); display: block; visibility: visible; opacity: 1; }
.frame[hidden] { display: none; }
.notice { position: fixed; z-index: 2147483647; right: 16px; bottom: 64px; max-width: 340px; padding: 10px 14px;
  background: #1b5e20; color: #fff; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.35);
  font: 500 14px/1.3 system-ui, sans-serif; pointer-events: none; }
.notice:empty { padding: 0; background: none; box-shadow: none; }
`;
