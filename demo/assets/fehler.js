// A native modal <dialog> puts everything else on the page behind the top layer and makes it
// inert: the situation in which a caseworker most wants to report a problem.
(() => {
  const dialog = document.getElementById('fehlerdialog');
  const oeffnen = () => {
    if (!dialog.open) dialog.showModal();
  };
  document.getElementById('bescheid-erzeugen').addEventListener('click', oeffnen);
  // ?auto=1 lets tests start with the dialog already open.
  if (new URLSearchParams(location.search).get('auto') === '1') oeffnen();
})();
