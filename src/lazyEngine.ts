/**
 * Loads the engine (src/engine.ts, bundled as dist/engine.js beside dist/extension.js) the first
 * time something needs HTTP or the report engine; activation never does. From src/ this resolves
 * to the compiled engine.js next to this file, in tests as in the bundle.
 */
import type * as Engine from './engine';

let loaded: typeof Engine | undefined;

export function engine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  loaded ??= require('./engine.js') as typeof Engine;
  return loaded;
}

/** Whether the engine has been loaded yet (activate() reports it: activation must never load it). */
export function engineLoaded(): boolean {
  return loaded !== undefined;
}
