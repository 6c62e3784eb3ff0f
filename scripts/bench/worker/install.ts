import { benchRead, benchSync, seedPending } from './sync-helpers';

// Only the benchmark build imports this (./wxt.config.ts). Its own global, apart from the background's
// `mitsprache` diagnostics, which the background assigns when it starts (after this module has run).
Object.assign(globalThis, { mitsprachBench: { benchSync, benchRead, seedPending } });
