import { describe, expect, it } from 'vitest';
import { FeedbackUi, isFocused, readRecords } from './support/pages';
import { demoWithExtension } from './support/suite';

// The note form as a caseworker meets it (issue #16, items 4–6): nothing chosen in advance, the form's
// own messages instead of the browser's, praise asked as praise, and the note field back in focus
// after pointing at an element.
const suite = demoWithExtension({ testPages: true });

async function openDialog() {
  const page = await suite.ext.context.newPage();
  await page.goto(`${suite.demo.url}/akte/JC-2024-004711/uebersicht`);
  const ui = new FeedbackUi(page);
  await ui.open();
  return { page, ui };
}

/** The newest stored record. */
async function latest() {
  const records = await readRecords(suite.ext.worker);
  return records.sort((a, b) => b.createdAt - a.createdAt)[0]?.record;
}

describe('the note form', () => {
  it('chooses no category and no impact for the caseworker', async () => {
    const { page, ui } = await openDialog();
    expect(await ui.category.inputValue()).toBe('');
    expect(await ui.dialog.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.close();
  });

  it('answers an empty save in German at the field, never with the browser’s bubble, and leads to each missing choice', async () => {
    const { page, ui } = await openDialog();
    const save = ui.dialog.locator('button[type="submit"]');
    const alerts = ui.dialog.getByRole('alert');
    // The browser's own check would answer in its language ("Please fill out this field."): it is off,
    // and no field carries a constraint it would speak up about.
    expect(await ui.dialog.locator('form').getAttribute('novalidate')).not.toBeNull();
    const nativeMessages = () =>
      ui.dialog
        .locator('textarea, input, select')
        .evaluateAll((fields) =>
          fields.map((f) => (f as HTMLInputElement).validationMessage).filter(Boolean),
        );
    expect(await nativeMessages()).toEqual([]);

    await save.click();
    // Every missing part is named; the first one gets focus.
    await expect
      .poll(() => alerts.allTextContents())
      .toEqual([
        'Bitte schreiben Sie eine kurze Notiz.',
        'Bitte wählen Sie die Art der Rückmeldung.',
        'Bitte wählen Sie die Auswirkung.',
      ]);
    // Announced with the field that has focus.
    await expect.poll(() => isFocused(ui.note)).toBe(true);
    expect(await ui.note.getAttribute('aria-invalid')).toBe('true');
    expect(await ui.note.getAttribute('aria-describedby')).toContain('note-error');

    await ui.type('Die Suche findet Akten nur mit exakter Schreibweise.');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => alerts.allTextContents())
      .toEqual(['Bitte wählen Sie die Art der Rückmeldung.', 'Bitte wählen Sie die Auswirkung.']);
    await expect.poll(() => isFocused(ui.category)).toBe(true);

    // By keyboard, as a caseworker would: the category is a labelled select.
    await ui.category.selectOption('missing');
    await save.click();
    await expect.poll(() => alerts.allTextContents()).toEqual(['Bitte wählen Sie die Auswirkung.']);
    const firstImpact = ui.dialog.getByRole('radio', { name: 'Blockiert meine Arbeit' });
    await expect.poll(() => isFocused(firstImpact)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => ui.dialog.getByRole('radio', { name: 'Hält mich auf' }).isChecked()).toBe(true);

    // A number out of range: the form's own German message only.
    const minutes = ui.dialog.getByLabel('Verlorene Minuten (optional)');
    await minutes.fill('999');
    await expect
      .poll(() => alerts.allTextContents())
      .toEqual(['Bitte eine ganze Zahl von 0 bis 480 eingeben.']);
    expect(await nativeMessages()).toEqual([]);
    await save.click();
    await expect.poll(() => isFocused(minutes)).toBe(true);
    expect(await ui.saved.count()).toBe(0);

    await minutes.fill('12');
    await save.click();
    await ui.saved.waitFor();
    expect(await latest()).toMatchObject({ category: 'missing', impact: 'slows', minutesLost: 12 });
    await page.close();
  });

  it('asks praise what is liked, and neither its impact nor minutes lost', async () => {
    const { page, ui } = await openDialog();
    const intro = ui.dialog.locator('#intro');
    expect(await intro.textContent()).not.toMatch(/stört/);
    const minutes = ui.dialog.getByLabel(/Verlorene Minuten/);
    const impact = ui.dialog.getByRole('group', { name: 'Auswirkung' });

    await ui.category.selectOption('slow');
    await expect.poll(() => intro.textContent()).toMatch(/^Was stört Sie/);
    expect(await minutes.count()).toBe(1);
    expect(await impact.count()).toBe(1);

    await ui.category.selectOption({ label: 'Lob' });
    await expect.poll(() => intro.textContent()).toMatch(/^Was gefällt Ihnen/);
    expect(await minutes.count()).toBe(0);
    expect(await impact.count()).toBe(0);
    // The note is described by the prompt, so a screen reader hears it with the field.
    expect(await ui.note.getAttribute('aria-describedby')).toContain('intro');

    await ui.type('Die neue Suche ist schnell und übersichtlich.');
    await page.keyboard.press('Control+Enter');
    await ui.saved.waitFor();
    // The record schema (and the collector) require an impact: praise carries the least, asked of nobody.
    expect(await latest()).toMatchObject({ category: 'praise', impact: 'minor', minutesLost: null });
    await page.close();
  });

  it('gives the note field focus back after pointing at an element, so Strg+Enter saves', async () => {
    const { page, ui } = await openDialog();
    await ui.type('Diese Überschrift ist abgeschnitten.');
    await ui.choose('cumbersome');
    await ui.dialog.getByRole('button', { name: 'Auf ein Element zeigen' }).click();
    const hint = page.locator('mitsprache-feedback .hint');
    await hint.waitFor();
    await page.locator('h1').click();
    await hint.waitFor({ state: 'detached' });
    await ui.dialog.getByRole('button', { name: 'Anderes Element wählen' }).waitFor();
    await expect.poll(() => isFocused(ui.note)).toBe(true);

    await page.keyboard.press('Control+Enter');
    await ui.saved.waitFor();
    const record = await latest();
    expect(record).toMatchObject({ note: 'Diese Überschrift ist abgeschnitten.', category: 'cumbersome' });
    expect(record?.context.element?.role).toBe('heading');
    await page.close();
  });
});
