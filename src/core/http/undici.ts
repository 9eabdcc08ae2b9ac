/**
 * The parts of undici the transport uses, loaded by path: undici's index also loads fetch,
 * WebSocket, caches, mocks and proxies, which would more than double the extension bundle
 * (522 KiB → 286 KiB of undici when minified). undici ships no `exports` map, so these paths are
 * reachable; package.json pins undici to ~7.30 and the transport tests exercise every piece.
 */
import type * as Undici from 'undici';

/* eslint-disable @typescript-eslint/no-require-imports */
export const Agent: typeof Undici.Agent = require('undici/lib/dispatcher/agent');
export const errors: typeof Undici.errors = require('undici/lib/core/errors');
const apiRequest: (
  this: Undici.Dispatcher,
  options: Undici.Dispatcher.RequestOptions,
) => Promise<Undici.Dispatcher.ResponseData> = require('undici/lib/api/api-request');
/* eslint-enable @typescript-eslint/no-require-imports */

export type Agent = Undici.Agent;
export type ResponseData = Undici.Dispatcher.ResponseData;

/** `dispatcher.request(options)`, as undici's index would attach it to the Dispatcher prototype. */
export function request(dispatcher: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions): Promise<ResponseData> {
  return apiRequest.call(dispatcher, options);
}
