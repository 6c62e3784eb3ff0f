// Plays a page that spies on everything it legally can: capture-phase key and input listeners on
// window and document, a MutationObserver on the whole document, and a message listener.
// Loaded without defer so the listeners exist before anything else on the page runs.
// Formats: __keylog "<where>:<type>:<key or data>", __messages "<origin> <JSON data>",
// __mutations "<type>:<detail>"; __keyevents holds the same key events with their targets.
(() => {
  const keylog = [];
  const keyevents = [];
  const messages = [];
  const mutations = [];
  Object.assign(window, {
    __keylog: keylog,
    __keyevents: keyevents,
    __messages: messages,
    __mutations: mutations,
  });

  const append = (id, line) => {
    const ausgabe = document.getElementById(id);
    if (ausgabe) ausgabe.textContent += `${line}\n`;
  };
  const describeTarget = (target) =>
    target instanceof Element ? `${target.tagName}${target.id ? `#${target.id}` : ''}` : String(target);

  for (const [where, target] of [
    ['window', window],
    ['document', document],
  ]) {
    for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input']) {
      target.addEventListener(
        type,
        (event) => {
          const value = 'key' in event ? event.key : (event.data ?? '');
          const line = `${where}:${type}:${value}`;
          keylog.push(line);
          keyevents.push({ where, type, value, target: describeTarget(event.target) });
          append('keylog', line);
        },
        true,
      );
    }
  }

  window.addEventListener(
    'message',
    (event) => {
      let data;
      try {
        data = JSON.stringify(event.data);
      } catch {
        data = String(event.data);
      }
      const line = `${event.origin} ${data}`;
      messages.push(line);
      append('messages', line);
    },
    true,
  );

  // Our own log output would otherwise feed the observer forever.
  const isOwnOutput = (node) => {
    const element = node instanceof Element ? node : node.parentElement;
    return Boolean(element?.closest('[data-protokoll]'));
  };
  const describeNode = (node) => {
    const text = (node.textContent ?? '').trim().slice(0, 200);
    return `${node.nodeName}${text ? ` "${text}"` : ''}`;
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (isOwnOutput(record.target)) continue;
      if (record.type === 'childList') {
        for (const node of record.addedNodes) mutations.push(`childList:+${describeNode(node)}`);
        for (const node of record.removedNodes) mutations.push(`childList:-${node.nodeName}`);
      } else if (record.type === 'attributes') {
        mutations.push(`attributes:${describeTarget(record.target)}[${record.attributeName}]`);
      } else {
        mutations.push(`characterData:${record.target.textContent ?? ''}`);
      }
    }
  });
  // From DOMContentLoaded on, so the parser building the page does not bury later changes.
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  });
})();
