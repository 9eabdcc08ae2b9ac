/**
 * "Save to Request File" (from Send Signed Request's response tab and Copy Request as cURL): the
 * request as a block appended to a `*.frame.http` file of the workspace, or a new one. The block
 * names the connection and holds the method, path and parameters only: never a credential.
 */
import * as vscode from 'vscode';
import type { BlockRequest } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import type { Connection } from '../connections/connection';

type FileItem = vscode.QuickPickItem & { uri?: vscode.Uri };

export class RequestFileSaver {
  /**
   * Which file to append to: a QuickPick of the workspace's request files and "New Request File…"
   * (a save dialog). A seam: integration tests answer it with a file.
   */
  askFile: () => Thenable<vscode.Uri | undefined> = async () => {
    const files = await vscode.workspace.findFiles('**/*.frame.http', '**/node_modules/**', 200);
    const picked = await vscode.window.showQuickPick<FileItem>(
      [
        { label: `$(new-file) ${vscode.l10n.t('New Request File…')}` },
        ...files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      ],
      { title: vscode.l10n.t('Save to Request File'), placeHolder: vscode.l10n.t('Append the request to which file?') },
    );
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      title: vscode.l10n.t('New request file'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'requests.frame.http') : undefined,
      filters: { [vscode.l10n.t('Frame request files')]: ['frame.http'] },
      saveLabel: vscode.l10n.t('Create'),
    });
  };

  /** Appends the request to the chosen file and opens it at the new block; undefined when cancelled. */
  async save(connection: Connection, request: BlockRequest): Promise<vscode.Uri | undefined> {
    const picked = await this.askFile();
    if (!picked) return undefined;
    // A name without ".frame.http" would open as a plain .http file (REST Client's): give it ours.
    const uri = /\.frame\.http$/i.test(picked.path) ? picked : picked.with({ path: picked.path.replace(/(\.http)?$/i, '.frame.http') });
    let existing = '';
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) existing = open.getText();
    else
      existing = await vscode.workspace.fs.readFile(uri).then(
        (b) => Buffer.from(b).toString('utf8'),
        () => '',
      );
    const { appendBlock, requestBlock } = requestEngine();
    const text = appendBlock(existing, requestBlock(connection.name, request));
    if (open) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
      await vscode.workspace.applyEdit(edit);
      await open.save();
    } else await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.lineCount - 1;
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(line, 0, line, 0), preview: false });
    return uri;
  }
}
