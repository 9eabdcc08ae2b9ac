/**
 * Shows an error as a notification with the actions that can fix it (Retry, Update Secret,
 * Show Log). Never a stack trace: only messages written for people.
 */
import * as vscode from 'vscode';
import { FrameApiError, isFrameApiError } from '../core/http';
import { MissingSecretError } from '../connections/clients';
import { SecretStorageError } from '../connections/connectionStore';
import type { Connection } from '../connections/connection';

export interface ErrorActions {
  retry?: () => unknown;
  /** The connection the failure belongs to: enables "Update Secret" where it helps. */
  connection?: Connection;
}

/** A message for people from anything thrown. */
export function messageOf(e: unknown): string {
  if (isFrameApiError(e) || e instanceof MissingSecretError || e instanceof SecretStorageError) return e.message;
  if (e instanceof Error) return `Unexpected error: ${e.message.split('\n')[0]}`;
  return `Unexpected error: ${String(e).split('\n')[0]}`;
}

/** Whether updating the secret is a sensible next step. */
export function needsSecret(e: unknown): boolean {
  return e instanceof MissingSecretError || e instanceof SecretStorageError || (e instanceof FrameApiError && e.kind === 'auth');
}

export async function showError(e: unknown, log: vscode.LogOutputChannel, actions: ErrorActions = {}): Promise<void> {
  if (isFrameApiError(e, 'cancelled')) return;
  const message = messageOf(e);
  log.error(message);
  const buttons: string[] = [];
  if (actions.retry) buttons.push('Retry');
  if (actions.connection && needsSecret(e)) buttons.push('Update Secret');
  buttons.push('Show Log');
  const choice = await vscode.window.showErrorMessage(message, ...buttons);
  if (choice === 'Retry') await actions.retry?.();
  else if (choice === 'Update Secret') await vscode.commands.executeCommand('frameAdmin.updateSecret', actions.connection?.id);
  else if (choice === 'Show Log') log.show(true);
}
