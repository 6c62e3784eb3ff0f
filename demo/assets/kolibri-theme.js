// A minimal KoliBri theme so the components match the demo app. KoliBri injects these strings
// into each component's shadow root as adopted style sheets; keys are tag names or GLOBAL.
import { KoliBri } from '/vendor/kolibri/dist/esm/index.js';

const FELD = `
  .kol-form-field { display: grid; gap: 0.25rem; }
  .kol-form-field__label { font-weight: 600; }
  .kol-input { font: inherit; padding: 0.3rem 0.45rem; border: 1px solid #8a97a5; border-radius: 2px; width: 100%; box-sizing: border-box; }
  .kol-input[readonly] { background: #eef1f4; }
`;

/** Registered under its own name so it cannot be mistaken for theme-default. */
export const DEMO_THEME = KoliBri.createTheme('mitsprache-demo', {
  GLOBAL:
    ':host { font-family: "Segoe UI", Arial, "Liberation Sans", sans-serif; font-size: 15px; color: #1b1f24; }',
  'KOL-HEADING': '.kol-heading { color: #1d3f5e; font-size: 1.15rem; margin: 0.75rem 0 0; }',
  'KOL-INPUT-TEXT': FELD,
  'KOL-INPUT-EMAIL': FELD,
  'KOL-TEXTAREA': FELD,
  'KOL-BUTTON': `
    .kol-button { font: inherit; padding: 0.4rem 1rem; border: 1px solid #1d3f5e; border-radius: 2px; background: #1d3f5e; color: #fff; cursor: pointer; }
    .kol-button--secondary { background: #fff; color: #1d3f5e; }
    .kol-button:focus-visible { outline: 3px solid #f0a500; outline-offset: 1px; }
  `,
});
