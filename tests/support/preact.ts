import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

/**
 * The container a component test renders into: in the document during each test (focus and events
 * work as in a page), unmounted after it so every effect cleans up, then taken out. Call once at the
 * top of the file.
 */
export function testRoot(): HTMLElement {
  const root = document.createElement('div');
  beforeEach(() => {
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  return root;
}
