/**
 * Frame: Search Sessions…: what it searches (the node's account or connection, else every Web API
 * connection); the QuickPick and the search (sessionSearchPick.ts) load with the engine.
 */
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import type { DocumentTabs } from '../documents/documentTabs';
import type { SearchSessionsOptions, SearchTarget } from './sessionSearchPick';
import { engine } from '../lazyEngine';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { hasAccount, hasConnection, pickConnection, type TargetDeps } from './targets';

export interface SearchCommandDeps extends CommandHost, TargetDeps {
  tabs: DocumentTabs;
}

export function registerSearchCommand(deps: SearchCommandDeps): vscode.Disposable {
  return registerCommand(
    COMMANDS.searchSessions,
    async (target?: unknown, options?: SearchSessionsOptions) => {
      const what = await searchTarget(target, deps);
      if (!what) return undefined;
      const { tabs, clients, log } = deps;
      return engine().searchSessions(
        {
          log,
          web: (c) => clients.web(c),
          monthly: tabs.monthly,
          showDocument: (c, name, text, extension) => tabs.showDocument(c, name, text, extension),
        },
        what,
        options,
      );
    },
    deps,
  );
}

async function searchTarget(target: unknown, deps: SearchCommandDeps): Promise<SearchTarget | undefined> {
  let connections = hasConnection(target)
    ? [deps.store.get(target.connection.id) ?? target.connection]
    : deps.store.list().filter((c) => c.apiKind === 'web');
  if (!connections.length) {
    // Says there is no Web API connection yet and offers Add Connection.
    const picked = await pickConnection(deps.store, (c) => c.apiKind === 'web', vscode.l10n.t('Choose a Frame Web API connection'));
    if (!picked) return undefined;
    connections = [picked];
  }
  if (connections.some((c) => c.apiKind !== 'web'))
    throw new FrameError(
      'invalid-request',
      vscode.l10n.t('Sessions are searched through a Frame Web API connection (such as https://api.fra.me/v1alpha); this one is not.'),
    );
  return hasAccount(target) ? { connection: connections[0]!, account: target.account } : { connections };
}
