/** The "Frame" log: one line per request attempt (method, URL, status, ms, attempt), never headers. */
import * as vscode from 'vscode';
import type { RequestLogEntry } from '../core/http';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Frame', { log: true });
}

export function logRequest(log: vscode.LogOutputChannel, e: RequestLogEntry): void {
  const outcome = e.status !== undefined ? String(e.status) : (e.error ?? 'failed');
  const line = `${e.method} ${e.url} → ${outcome} in ${e.ms} ms (attempt ${e.attempt})${e.status !== undefined && e.error ? ` [${e.error}]` : ''}`;
  if (e.error || (e.status !== undefined && e.status >= 400)) log.warn(line);
  else log.info(line);
}
