import { type Context, createContext, runInContext } from 'node:vm';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MatchPattern } from 'wxt/utils/match-patterns';

type Listener = (...args: unknown[]) => unknown;

function event() {
  const listeners: Listener[] = [];
  return {
    addListener: (listener: Listener) => void listeners.push(listener),
    removeListener: (listener: Listener) => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    },
    hasListener: (listener: Listener) => listeners.includes(listener),
    hasListeners: () => listeners.length > 0,
    trigger: async (...args: unknown[]) => Promise.all(listeners.map((listener) => listener(...args))),
    count: () => listeners.length,
  };
}

interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  allFrames?: boolean;
  runAt?: string;
  persistAcrossSessions?: boolean;
}

/** The parts of the extension API that fakeBrowser leaves unimplemented: permissions, scripting, manifest. */
export interface FakeExtension {
  /** Host patterns currently held (install-time ones included). */
  granted: Set<string>;
  /** What the user answers to the next permission prompt. */
  answer: boolean;
  /** Patterns asked for, one array per prompt. */
  prompts: string[][];
  registered: RegisteredScript[];
  /** How many times the content script registration changed. */
  registrations: number;
  executed: { tabId: number; files?: string[]; func?: boolean; frameIds?: number[] }[];
  /** Open tabs by id: their frames (frame 0 is the top), each with its address and our script. */
  tabs: Map<number, FakeFrame[]>;
  /** Opens a tab whose top frame shows `url`, with subframes showing `frames`. */
  openTab(tabId: number, url: string, ...frames: string[]): void;
  /** How many times our content script file ran in each frame of the tab. */
  injections(tabId: number): number[];
  /** Whether the button is already in the tab (answer of the probe). */
  buttonPresent: boolean;
  onAdded: ReturnType<typeof event>;
  onRemoved: ReturnType<typeof event>;
  /** The user revokes a permission (Firefox add-on manager). */
  revoke(pattern: string): Promise<void>;
}

/**
 * One frame of a fake tab: its address, our isolated world there (a vm context in which injected
 * functions really run, with `location` and a `document` that finds our button when the fake says
 * so), and how often our content script file ran in it.
 */
export interface FakeFrame {
  frameId: number;
  url: string;
  world: Context;
  runs: number;
}

export const INSTALL_TIME = ['http://localhost/*', 'http://127.0.0.1/*'];

export function installFakeExtension(granted: string[] = []): FakeExtension {
  const fake: FakeExtension = {
    granted: new Set([...INSTALL_TIME, ...granted]),
    answer: true,
    prompts: [],
    registered: [],
    registrations: 0,
    executed: [],
    tabs: new Map(),
    openTab(tabId, url, ...frames) {
      fake.tabs.set(
        tabId,
        [url, ...frames].map((frameUrl, frameId) => ({
          frameId,
          url: frameUrl,
          world: createContext({
            location: { href: frameUrl },
            // The top frame's window.frames: how many frames the page holds.
            frames: { length: frameId === 0 ? frames.length : 0 },
            document: { querySelector: () => (fake.buttonPresent ? {} : null) },
          }),
          runs: 0,
        })),
      );
    },
    injections: (tabId) => (fake.tabs.get(tabId) ?? []).map((frame) => frame.runs),
    buttonPresent: false,
    onAdded: event(),
    onRemoved: event(),
    async revoke(pattern) {
      fake.granted.delete(pattern);
      await fake.onRemoved.trigger({ origins: [pattern], permissions: [] });
    },
  };
  const api = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  (api.runtime as Record<string, unknown>).getManifest = () => ({
    manifest_version: 3,
    host_permissions: [...INSTALL_TIME],
  });
  api.permissions = {
    contains: async ({ origins = [] }: { origins?: string[] }) =>
      origins.every((origin) => fake.granted.has(origin)),
    request: async ({ origins = [] }: { origins?: string[] }) => {
      fake.prompts.push(origins);
      if (!fake.answer) return false;
      for (const origin of origins) fake.granted.add(origin);
      await fake.onAdded.trigger({ origins, permissions: [] });
      return true;
    },
    remove: async ({ origins = [] }: { origins?: string[] }) => {
      if (origins.some((origin) => INSTALL_TIME.includes(origin)))
        throw new Error('You cannot remove required permissions.');
      for (const origin of origins) fake.granted.delete(origin);
      await fake.onRemoved.trigger({ origins, permissions: [] });
      return true;
    },
    getAll: async () => ({ origins: [...fake.granted], permissions: [] }),
    onAdded: fake.onAdded,
    onRemoved: fake.onRemoved,
  };
  api.scripting = {
    getRegisteredContentScripts: async ({ ids }: { ids?: string[] } = {}) =>
      fake.registered.filter((script) => !ids || ids.includes(script.id)),
    registerContentScripts: async (scripts: RegisteredScript[]) => {
      for (const script of scripts) {
        if (fake.registered.some((existing) => existing.id === script.id))
          throw new Error(`Duplicate script ID '${script.id}'`);
        fake.registered.push(structuredClone(script));
      }
      fake.registrations++;
    },
    unregisterContentScripts: async ({ ids }: { ids?: string[] } = {}) => {
      fake.registered = fake.registered.filter((script) => ids && !ids.includes(script.id));
      fake.registrations++;
    },
    executeScript: async ({
      target,
      files,
      func,
      args = [],
    }: {
      target: { tabId: number; allFrames?: boolean; frameIds?: number[] };
      files?: string[];
      func?: (...args: unknown[]) => unknown;
      args?: unknown[];
    }) => {
      fake.executed.push({
        tabId: target.tabId,
        ...(files ? { files } : {}),
        ...(func ? { func: true } : {}),
        ...(target.frameIds ? { frameIds: target.frameIds } : {}),
      });
      if (!fake.tabs.has(target.tabId)) fake.openTab(target.tabId, 'https://tab.example/');
      const frames = fake.tabs.get(target.tabId) ?? [];
      const chosen = frames.filter((frame) =>
        target.frameIds ? target.frameIds.includes(frame.frameId) : target.allFrames || frame.frameId === 0,
      );
      return chosen.map((frame) => {
        if (files) frame.runs++;
        // The function itself runs, in this frame's world, as the browser runs it in the page.
        const result = func
          ? runInContext(`(${func.toString()})(...${JSON.stringify(args)})`, frame.world)
          : undefined;
        return { frameId: frame.frameId, result };
      });
    },
  };
  (api.tabs as Record<string, unknown>).query = async ({ url = [] }: { url?: string | string[] }) => {
    const patterns = (Array.isArray(url) ? url : [url]).map((pattern) => new MatchPattern(pattern));
    return [...fake.tabs]
      .filter(([, frames]) => patterns.some((pattern) => pattern.includes(frames[0]?.url ?? '')))
      .map(([id, frames]) => ({ id, url: frames[0]?.url }));
  };
  return fake;
}
