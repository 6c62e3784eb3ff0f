// Loads the real KoliBri web components from node_modules (served under /vendor/kolibri/).
// KoliBri's docs register with @public-ui/theme-default, which is not installed; any theme made
// with KoliBri.createTheme works, so the page brings its own small one.

import { DEMO_THEME } from '/assets/kolibri-theme.js';
import { register } from '/vendor/kolibri/dist/esm/index.js';
import { defineCustomElements } from '/vendor/kolibri/dist/loader/index.js';

const status = document.getElementById('kolibri-status');

register(DEMO_THEME, defineCustomElements)
  .then(() => {
    status.textContent = 'KoliBri bereit.';
    // Tests wait for this attribute instead of guessing when the components have rendered.
    document.documentElement.dataset.kolibri = 'bereit';
  })
  .catch((error) => {
    status.textContent = `KoliBri konnte nicht geladen werden: ${error}`;
    document.documentElement.dataset.kolibri = 'fehler';
  });
