/**
 * The editor side of signed request files (`*.frame.http`, language `frame-http`; plain `.http`
 * files stay REST Client's and httpYac's): a "Send" CodeLens on each request and "Send All" on the
 * first, and the parser's diagnostics (malformed lines, unknown or recursive variables) as problems.
 */
import * as vscode from 'vscode';
import type { RequestFile } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import { COMMANDS } from '../contract';

export const FRAME_HTTP_LANGUAGE = 'frame-http';

export class RequestFileEditor implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(FRAME_HTTP_LANGUAGE);
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  /** The last parse of each document version (CodeLens and diagnostics ask for the same one). */
  private readonly parsed = new Map<string, { version: number; file: RequestFile }>();

  constructor() {
    const selector: vscode.DocumentSelector = { language: FRAME_HTTP_LANGUAGE };
    this.disposables.push(
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.parsed.delete(d.uri.toString());
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  /** The document's requests as parsed (cached per version). */
  parse(document: vscode.TextDocument): RequestFile {
    const key = document.uri.toString();
    const known = this.parsed.get(key);
    if (known?.version === document.version) return known.file;
    const file = requestEngine().parseRequestFile(document.getText());
    this.parsed.set(key, { version: document.version, file });
    return file;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { requests } = this.parse(document);
    return requests.flatMap((request, index) => {
      const range = new vscode.Range(request.firstLine, 0, request.firstLine, 0);
      const send = new vscode.CodeLens(range, {
        title: vscode.l10n.t('Send'),
        command: COMMANDS.sendRequestInFile,
        arguments: [document.uri, index],
      });
      if (index > 0) return [send];
      const all = { title: vscode.l10n.t('Send All'), command: COMMANDS.sendAllRequestsInFile, arguments: [document.uri] };
      return [send, new vscode.CodeLens(range, all)];
    });
  }

  private check(document: vscode.TextDocument): void {
    if (document.languageId !== FRAME_HTTP_LANGUAGE) return;
    this.diagnostics.set(
      document.uri,
      this.parse(document).diagnostics.map((d) => {
        const problem = new vscode.Diagnostic(
          new vscode.Range(d.line, d.column, d.line, d.endColumn),
          d.message,
          vscode.DiagnosticSeverity.Error,
        );
        problem.source = 'Frame';
        return problem;
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
