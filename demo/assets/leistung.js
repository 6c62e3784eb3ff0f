// The step lives in the URL (?schritt=1..3), like in the real Leistungsverfahren, so every step
// is its own page load and its own route for the extension.
(() => {
  const LETZTER = 3;
  const url = new URL(location.href);
  const gelesen = Number.parseInt(url.searchParams.get('schritt') ?? '1', 10);
  const schritt = Number.isInteger(gelesen) ? Math.min(Math.max(gelesen, 1), LETZTER) : 1;

  for (const element of document.querySelectorAll('fieldset[data-schritt]')) {
    element.hidden = element.dataset.schritt !== String(schritt);
  }
  for (const element of document.querySelectorAll('.schritte li')) {
    if (element.dataset.schritt === String(schritt)) element.setAttribute('aria-current', 'step');
    else element.removeAttribute('aria-current');
  }

  const zurueck = document.querySelector('[data-gehe="zurueck"]');
  const weiter = document.querySelector('[data-gehe="weiter"]');
  const speichern = document.querySelector('[data-nur-im-letzten-schritt]');
  zurueck.hidden = schritt === 1;
  weiter.hidden = schritt === LETZTER;
  speichern.hidden = schritt !== LETZTER;

  const gehe = (ziel) => {
    url.searchParams.set('schritt', String(ziel));
    location.assign(url.href);
  };
  zurueck.addEventListener('click', () => gehe(schritt - 1));
  weiter.addEventListener('click', () => gehe(schritt + 1));

  const form = document.forms.namedItem('leistungsberechnung');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const status = document.getElementById('status');
    status.textContent = 'Berechnung gespeichert (Demo – es wurde nichts übertragen).';
    status.hidden = false;
  });
})();
