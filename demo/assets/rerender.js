// Imitates frameworks that own <body> and re-render it wholesale: anything others mounted in
// the body (such as an extension's button) is thrown away. window.__rerenders counts re-renders
// (the first render is not one); window.__neuZeichnen('body' | 'innerHTML') triggers one.
(() => {
  const vorlage = document.getElementById('koerper');
  let rerenders = 0;

  const zaehlerZeigen = () => {
    const zaehler = document.querySelector('[data-zaehler]');
    if (zaehler) zaehler.textContent = String(rerenders);
  };

  const neuZeichnen = (art) => {
    if (art === 'innerHTML') {
      document.body.innerHTML = vorlage.innerHTML;
    } else {
      const neu = document.createElement('body');
      neu.append(vorlage.content.cloneNode(true));
      document.body = neu;
    }
    rerenders += 1;
    window.__rerenders = rerenders;
    zaehlerZeigen();
  };

  // The first render replaces only the <noscript> placeholder and is not counted.
  document.body.replaceChildren(vorlage.content.cloneNode(true));
  window.__rerenders = 0;
  window.__neuZeichnen = neuZeichnen;

  // Delegated on document, which survives every re-render, unlike listeners on the buttons.
  document.addEventListener('click', (event) => {
    const knopf = event.target instanceof Element ? event.target.closest('[data-neu-zeichnen]') : null;
    if (knopf) neuZeichnen(knopf.dataset.neuZeichnen);
  });
  setTimeout(() => neuZeichnen('body'), 500);
})();
