/**
 * Request-file support for the editor (the parser, runner, chains, response history, endpoint
 * table), bundled apart into dist/requestEngine.js and loaded through `requestEngine()` in
 * src/lazyEngine.ts the first time a request file is parsed or a response recorded: activation
 * by the Frame view never loads it. Only this file's exports cross the boundary.
 */
import * as vscode from 'vscode';
import { useL10nBundle } from './core/l10n';

// This bundle has its own copy of @vscode/l10n: it reads the display language's strings too.
useL10nBundle(vscode.l10n.bundle);

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
