/**
 * Styles of the question prompt, in our shadow root beside the button's (FeedbackButton.css.ts). Apart
 * from those because the prompt ships in the page tools, loaded only when a prompt is due.
 */
export const PROMPT_CSS = `
.prompt { position: fixed; z-index: 2147483647; right: 16px; bottom: 64px; max-width: 340px; padding: 10px 12px;
  background: #fff; color: #1d1d1b; border: 2px solid #005ea8; border-radius: 8px;
  box-shadow: 0 2px 8px rgba(0,0,0,.35); font: 400 14px/1.35 system-ui, sans-serif; }
.prompt p { margin: 0 0 8px; }
.prompt .label { font-weight: 600; }
.prompt .actions { display: flex; flex-wrap: wrap; gap: 6px; }
.prompt button { padding: 4px 10px; border-radius: 4px; font-weight: 600; }
.prompt button.answer { background: #005ea8; color: #fff; }
.prompt button.later, .prompt button.never { background: #fff; color: #005ea8; border-color: #005ea8; }
`;
