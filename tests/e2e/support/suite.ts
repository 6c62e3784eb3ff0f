import { afterAll, beforeAll } from 'vitest';
import { type DemoServer, startDemoServer } from '../../../scripts/demo-server';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { startTestSite } from './pages';

export interface DemoSuite {
  readonly demo: DemoServer;
  readonly ext: ExtensionBrowser;
  /** Starts the browser anew (after the test closed it, e.g. to reopen its profile); `ext` is the new one. */
  relaunch(launch: Parameters<typeof launchWithExtension>[0]): Promise<ExtensionBrowser>;
}

/**
 * The demo app (with the test pages when `testPages`) and the built extension in Chromium for one test
 * file: started before its tests, closed after them. Read `demo` and `ext` inside tests only.
 */
export function demoWithExtension(
  options: { testPages?: boolean; launch?: Parameters<typeof launchWithExtension>[0] } = {},
): DemoSuite {
  let demo: DemoServer | undefined;
  let ext: ExtensionBrowser | undefined;
  beforeAll(async () => {
    demo = await (options.testPages ? startTestSite() : startDemoServer());
    ext = await launchWithExtension(options.launch);
  });
  afterAll(async () => {
    await ext?.close();
    await demo?.close();
  });
  return {
    get demo() {
      if (!demo) throw new Error('the demo app runs only inside the suite’s tests');
      return demo;
    },
    get ext() {
      if (!ext) throw new Error('the browser runs only inside the suite’s tests');
      return ext;
    },
    async relaunch(launch) {
      ext = await launchWithExtension(launch);
      return ext;
    },
  };
}
