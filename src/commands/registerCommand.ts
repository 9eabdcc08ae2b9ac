/**
 * The one way to register a command. Every command handler runs under the error model: a failure becomes a notification with Retry
 * (the same command with the same arguments), Update Secret where it helps, and Show Log; a
 * cancellation is silent; nothing escapes to VS Code as a raw error. Handlers follow one argument
 * convention: the target first (a tree node, an id from a notification button, or nothing when
 * run from the palette), then an options object for scripts and tests.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../core/errors';
import type { Connection } from '../connections/connection';
import { showError } from '../ui/errors';
import type { CommandId } from '../contract';

export interface CommandHost {
  log: vscode.LogOutputChannel;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arguments come from menus, buttons and scripts
type Handler = (...args: any[]) => unknown;

export function registerCommand(id: CommandId, handler: Handler, host: CommandHost): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (e) {
      if (!isCancellation(e)) void showError(e, host.log, { retry: () => run(...args), connection: connectionIn(args) });
      return undefined;
    }
  };
  return vscode.commands.registerCommand(id, run);
}

/** The connection a command was about, when its target says (for "Update Secret"). */
function connectionIn(args: unknown[]): Connection | undefined {
  const target = args[0] as { connection?: Connection } | undefined;
  return target && typeof target === 'object' && target.connection && typeof target.connection.id === 'string'
    ? target.connection
    : undefined;
}
