import { DEFAULT_SETTINGS, type Settings } from '../../utils/schema/settings';

export { resetDb } from './db';

/** Defaults with a few fields changed. */
export function settingsWith(patch: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...patch };
}

export const EAKTE = {
  pattern: 'https://eakte.jobcenter.example/*',
  app: 'E-Akte',
  screenSelectors: ['h1'],
  allowedParams: ['tab'],
  sensitiveSelectors: ['.kunde'],
};

/** The sites whose pages get the content script now, as the background decides per page load. */
export async function contentScriptSites(): Promise<string[]> {
  const { activeSites } = await import('../../entrypoints/background/content-scripts');
  const { getEffectiveSettings } = await import('../../utils/settings/effective');
  return (await activeSites((await getEffectiveSettings({ withToken: false })).sites)).map(
    (site) => site.pattern,
  );
}
