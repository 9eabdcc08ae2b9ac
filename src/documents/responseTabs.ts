/**
 * Response tabs of signed requests (Send Signed Request, Send from a request file): each answer,
 * whatever its status, goes into the connection's history with its body (capped, credentials
 * redacted) and into a read-only tab. A tab knows how to send its request again (in place) and
 * which answer came before it, for "Compare with Previous" in VS Code's diff editor. The context
 * key `frameAdmin.responseTabs` lists those tabs' paths (their title-bar actions' `when`), and
 * `frameAdmin.signedRequestTabs` those of Send Signed Request (Copy as cURL, Save to Request File).
 */
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import type { AnsweredResponse, HistoryEntry, ResponseHistory } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import type { Connection } from '../connections/connection';
import type { DocumentTabs } from './documentTabs';

/** One answer for a tab: the request as sent, what came back, and lines to show above it. */
export interface Answer {
  request: { method: string; path: string };
  response: AnsweredResponse;
  ms: number;
  above?: readonly string[];
}

interface ShownTab {
  connection: Connection;
  entry: HistoryEntry;
  /** Sends the same request again. */
  resend: () => Promise<Answer>;
  /** Whatever the tab's creator keeps with it (the request Copy as cURL renders). */
  tag?: unknown;
}

export class ResponseTabs implements vscode.Disposable {
  private readonly shown = new Map<string, ShownTab>();
  private kept: ResponseHistory | undefined;
  /** A closed tab's answer is forgotten here (the history on disk keeps it). */
  private readonly closing = vscode.workspace.onDidCloseTextDocument((d) => {
    if (this.shown.delete(d.uri.toString())) void this.updateContext();
  });

  constructor(
    private readonly tabs: DocumentTabs,
    /** Where the history is kept (the extension's global storage). */
    private readonly historyFolder: string,
  ) {}

  dispose(): void {
    this.closing.dispose();
  }

  /** The response history (built on first use: it lives in the lazily loaded request engine). */
  get history(): ResponseHistory {
    this.kept ??= new (requestEngine().ResponseHistory)(this.historyFolder);
    return this.kept;
  }

  /** Records the answer in the history and opens it in a new tab. */
  async show(connection: Connection, answer: Answer, resend: () => Promise<Answer>, tag?: unknown): Promise<vscode.Uri> {
    const entry = await this.record(connection, answer);
    const { content, extension } = requestEngine().responseDocument(entry, answer.above);
    const uri = await this.tabs.showResponse(connection, entry.method, entry.path.replace(/\?.*$/, ''), content, extension);
    this.shown.set(uri.toString(), { connection, entry, resend, tag });
    await this.updateContext();
    return uri;
  }

  /** What the tab's creator kept with it. */
  tagOf(uri: vscode.Uri): unknown {
    return this.shown.get(uri.toString())?.tag;
  }

  /** The history entry a tab shows. */
  entryOf(uri: vscode.Uri): HistoryEntry | undefined {
    return this.shown.get(uri.toString())?.entry;
  }

  /** Send Again: the tab's request once more; the same tab shows the new answer. */
  async sendAgain(uri: vscode.Uri): Promise<HistoryEntry> {
    const tab = this.tabOf(uri);
    const answer = await tab.resend();
    const entry = await this.record(tab.connection, answer);
    const { content } = requestEngine().responseDocument(entry, answer.above);
    this.tabs.fs.set(uri, Buffer.from(content, 'utf8'));
    tab.entry = entry;
    await this.updateContext();
    return entry;
  }

  /** Compare with Previous: the answer before this one to the same request, beside it in the diff editor. */
  async compareWithPrevious(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const tab = this.tabOf(uri);
    const previous = await this.history.previous(tab.connection.id, tab.entry);
    if (!previous) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'No earlier answer to {0} {1} is kept for {2}: use Send Again, then compare.',
          tab.entry.method,
          tab.entry.path,
          tab.connection.name,
        ),
      );
      return undefined;
    }
    const { content, extension } = requestEngine().responseDocument(previous);
    const left = this.tabs.register(tab.connection, `${previous.method} ${previous.path} ${previous.at}`, content, extension);
    const when = (e: HistoryEntry) => e.at.slice(11, 19);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      uri,
      `${tab.entry.method} ${tab.entry.path.replace(/\?.*$/, '')} (${when(previous)} ↔ ${when(tab.entry)} UTC)`,
      { preview: false },
    );
    return left;
  }

  private tabOf(uri: vscode.Uri): ShownTab {
    const tab = this.shown.get(uri.toString());
    if (!tab)
      throw new FrameError(
        'invalid-request',
        vscode.l10n.t(
          'This response was shown before the window reloaded (or is not a signed request\'s answer): send the request again from "Frame: Send Signed Request…" or its request file.',
        ),
      );
    return tab;
  }

  private async record(connection: Connection, answer: Answer): Promise<HistoryEntry> {
    const entry = requestEngine().historyEntry(answer.request, answer.response, answer.ms);
    await this.history.add(connection.id, entry);
    return entry;
  }

  private async updateContext(): Promise<void> {
    const paths = (tabs: [string, ShownTab][]) => tabs.map(([u]) => vscode.Uri.parse(u).path);
    const all = [...this.shown];
    await vscode.commands.executeCommand('setContext', 'frameAdmin.responseTabs', paths(all));
    await vscode.commands.executeCommand('setContext', 'frameAdmin.signedRequestTabs', paths(all.filter(([, t]) => t.tag !== undefined)));
  }
}
