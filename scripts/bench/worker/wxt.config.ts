/**
 * The benchmark build (`scripts/bench/sync.ts`): the shipped configuration plus one Vite plugin that
 * appends `./install.ts` to the background entry, so the worker gets the seeding and timing helpers of
 * `./sync-helpers.ts`. The shipped background does not know they exist.
 * Build: npx wxt build --config scripts/bench/worker/wxt.config.ts (MITSPRACHE_OUT_DIR picks the folder).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type WxtViteConfig } from 'wxt';
import shipped from '../../../wxt.config';

const BACKGROUND = resolve('entrypoints/background/index.ts');
const INSTALL = fileURLToPath(new URL('./install.ts', import.meta.url));
/** WXT's own Vite's plugin type (the project's `vite` is another copy). */
type Plugin = Extract<NonNullable<WxtViteConfig['plugins']>[number], { name: string }>;

function benchWorker(): Plugin {
  return {
    name: 'mitsprache-bench-worker',
    transform(code, id) {
      if (id.split('?')[0] !== BACKGROUND) return undefined;
      return { code: `${code}\nimport ${JSON.stringify(INSTALL)};\n`, map: null };
    },
  };
}

export default defineConfig({
  ...shipped,
  vite: async (env) => {
    const base = (await shipped.vite?.(env)) ?? {};
    return { ...base, plugins: [...(base.plugins ?? []), benchWorker()] };
  },
});
