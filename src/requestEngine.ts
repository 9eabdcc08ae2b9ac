/**
 * Request-file support for the editor (the parser, runner, chains, response history, endpoint
 * table), bundled apart into dist/requestEngine.js and loaded through `requestEngine()` in
 * src/lazyEngine.ts the first time a request file is parsed or a response recorded: activation
 * by the Frame view never loads it. Only this file's exports cross the boundary.
 */
export {
  Resolver,
  ResponseHistory,
  appendBlock,
  assertRunnable,
  describeOutcome,
  endpointsFor,
  historyEntry,
  labelOf,
  matchEndpoint,
  parseExpression,
  parseRequestFile,
  redactCredentialText,
  requestBlock,
  responseDocument,
  runRequestFile,
  withDependencies,
} from './core/requests';
