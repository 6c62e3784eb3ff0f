import { describe, expect, it } from 'vitest';
import { FeedbackUi, readRecords } from './support/pages';
import { demoWithExtension } from './support/suite';

// Issue #16, item 10: the application's own frame (its banner names the job centre and its town) is no
// client data, while the client on the screen still is (utils/capture/context.ts, page-terms.ts).
const suite = demoWithExtension({ testPages: true });

describe('the application frame in a stored note', () => {
  it('keeps the job centre in the window title and masks the client shown on the screen', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.demo.url}/akte/JC-2024-004711/uebersicht`);
    expect(await page.title()).toContain('Jobcenter Musterstadt (DEMO)');
    const ui = new FeedbackUi(page);
    await ui.open();
    await ui.file('Die Akte von Max Mustermann lädt langsam.', {
      category: 'slow',
      impact: /Hält mich auf/,
    });
    const [entry] = await readRecords(suite.ext.worker);
    const context = entry?.record.context;
    expect(context?.title).toBe('E-Akte [AKTENZEICHEN] – Jobcenter Musterstadt (DEMO)');
    expect(context?.screen.heading).not.toContain('Mustermann');
    expect(entry?.record.note).not.toContain('Mustermann');
    await page.close();
  });
});
