// Real search screens echo the query back into the form, which is what puts client data into
// both the URL and the inputs – the situation the extension's redaction has to cope with.
(() => {
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'kdnr']) {
    const value = params.get(name);
    const input = document.getElementById(name);
    if (value !== null && input) input.value = value;
  }
})();
