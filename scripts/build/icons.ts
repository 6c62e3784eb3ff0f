/**
 * `tsx scripts/build/icons.ts`: renders public/icon/mitsprache.svg to the PNG sizes the manifest names
 * (public/icon/<size>.png, committed), with the machine's headless Chromium. Run it after changing the SVG.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICON_DIR = fileURLToPath(new URL('../../public/icon/', import.meta.url));
const CHROMIUM = process.env.MITSPRACHE_CHROMIUM ?? '/usr/bin/chromium';
const SIZES = [16, 32, 48, 128];

const svg = readFileSync(path.join(ICON_DIR, 'mitsprache.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setContent(
      `<style>body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const out = path.join(ICON_DIR, `${size}.png`);
    // Transparent around the bubble: the toolbar's own colour shows there, light or dark.
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${out}`);
  }
} finally {
  await browser.close();
}
