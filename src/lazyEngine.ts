/**
 * Loads the engine (src/engine.ts, bundled as dist/engine.js beside dist/extension.js) the first
 * time something needs HTTP or the report engine; activation never does. Likewise request-file
 * support (src/requestEngine.ts, dist/requestEngine.js) the first time a request file is parsed. From src/ this resolves
 * to the compiled engine.js next to this file, in tests as in the bundle.
 */
import type * as Engine from './engine';
import type * as RequestEngine from './requestEngine';

let loaded: typeof Engine | undefined;

export function engine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  loaded ??= require('./engine.js') as typeof Engine;
  return loaded;
}

let requestsLoaded: typeof RequestEngine | undefined;

/** Request-file support (dist/requestEngine.js): loaded the first time a request file is parsed. */
export function requestEngine(): typeof RequestEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  requestsLoaded ??= require('./requestEngine.js') as typeof RequestEngine;
  return requestsLoaded;
}

/** Whether request-file support has been loaded yet (activation by the Frame view never loads it). */
export function requestEngineLoaded(): boolean {
  return requestsLoaded !== undefined;
}

/** Whether the engine has been loaded yet (activate() reports it: activation must never load it). */
export function engineLoaded(): boolean {
  return loaded !== undefined;
}
