/**
 * Shows an error as a notification with the actions that can fix it (Retry, Update Secret,
 * Show Log). Never a stack trace: only `userMessage()` text. Cancelled work is silent.
 */
import * as vscode from 'vscode';
import { isCancellation, needsSecret, userMessage } from '../core/errors';
import { oneLineText } from '../core/text';
import type { Connection } from '../connections/connection';
import { COMMANDS } from '../contract';

export interface ErrorActions {
  retry?: () => unknown;
  /** The connection the failure belongs to: enables "Update Secret" where it helps. */
  connection?: Connection;
}

export async function showError(e: unknown, log: vscode.LogOutputChannel, actions: ErrorActions = {}): Promise<void> {
  if (isCancellation(e)) return;
  // Names in the message come from Frame or the user: one line, no bidi or invisible characters.
  const message = oneLineText(userMessage(e), 2000);
  log.error(message);
  // The buttons in the display language; the choice is compared with these same values.
  const retry = vscode.l10n.t('Retry');
  const updateSecret = vscode.l10n.t('Update Secret');
  const showLog = vscode.l10n.t('Show Log');
  const buttons: string[] = [];
  if (actions.retry) buttons.push(retry);
  if (actions.connection && needsSecret(e)) buttons.push(updateSecret);
  buttons.push(showLog);
  const choice = await vscode.window.showErrorMessage(message, ...buttons);
  if (choice === retry) await actions.retry?.();
  else if (choice === updateSecret) await vscode.commands.executeCommand(COMMANDS.updateSecret, actions.connection?.id);
  else if (choice === showLog) log.show(true);
}
