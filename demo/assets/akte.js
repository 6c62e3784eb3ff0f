// Shows the tab panel the URL asks for: the last path segment (…/leistungen), or ?tab=…
// which wins, the way older screens pass the tab in the query string.
(() => {
  const segment = location.pathname.split('/').pop();
  const wanted = new URLSearchParams(location.search).get('tab') ?? segment;
  const tabs = document.querySelectorAll('[role="tab"]');
  const known = Array.from(tabs).some((tab) => tab.id === `reiter-${wanted}`);
  const active = known ? wanted : 'uebersicht';

  for (const tab of tabs) {
    const selected = tab.id === `reiter-${active}`;
    tab.setAttribute('aria-selected', String(selected));
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    if (panel) panel.hidden = !selected;
  }
})();
