/** Frame: Search Sessions…: registered here; what it does (sessionSearchPick.ts) loads with the engine. */
import type * as vscode from 'vscode';
import type { SearchCommandDeps, SearchSessionsOptions } from './sessionSearchPick';
import { engine } from '../lazyEngine';
import { COMMANDS } from '../contract';
import { registerCommand } from './registerCommand';

export function registerSearchCommand(deps: SearchCommandDeps): vscode.Disposable {
  return registerCommand(
    COMMANDS.searchSessions,
    (target?: unknown, options?: SearchSessionsOptions) => engine().searchSessions(deps, target, options),
    deps,
  );
}
