import { browser } from 'wxt/browser';

/** Where the user put the button on this site (offset from the configured corner, collapsed or not). */
export interface Placement {
  dx: number;
  dy: number;
  collapsed: boolean;
}

const DEFAULT: Placement = { dx: 16, dy: 16, collapsed: false };
const key = (origin: string) => `placement:${origin}`;

/** Remembered per site (origin). Only a position: nothing about the page or the user. */
export async function loadPlacement(origin: string): Promise<Placement> {
  const stored = (await browser.storage.local.get(key(origin)))[key(origin)] as
    | Partial<Placement>
    | undefined;
  const num = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
  return {
    dx: num(stored?.dx, DEFAULT.dx),
    dy: num(stored?.dy, DEFAULT.dy),
    collapsed: stored?.collapsed === true,
  };
}

export async function savePlacement(origin: string, placement: Placement): Promise<void> {
  await browser.storage.local.set({ [key(origin)]: placement });
}
