/**
 * What every webview panel of the extension shares: one panel per key (an account, an audit
 * scope), revealed when it is open already, forgotten when it closes, and the same webview
 * options (scripts on, resources only from the extension's dist/webview and media folders, no
 * retainContextWhenHidden).
 */
import * as vscode from 'vscode';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class PanelRegistry<P extends { readonly panel: vscode.WebviewPanel }> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  constructor(
    private readonly viewType: string,
    private readonly extensionUri: vscode.Uri,
  ) {}

  get(key: string): P | undefined {
    return this.panels.get(key);
  }

  /** The open panel of `key`, revealed; else a new webview panel titled `title`, made into a P by `adopt`. */
  show(key: string, title: string, adopt: (panel: vscode.WebviewPanel) => P): P {
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    return this.add(
      key,
      adopt(vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri))),
    );
  }

  /** A panel VS Code restored after a reload (its options are set again, as the serializer must). */
  restore(key: string, panel: vscode.WebviewPanel, adopt: (panel: vscode.WebviewPanel) => P): P {
    panel.webview.options = webviewOptions(this.extensionUri);
    return this.add(key, adopt(panel));
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
  }

  private add(key: string, p: P): P {
    this.panels.set(key, p);
    p.panel.onDidDispose(() => this.panels.get(key) === p && this.panels.delete(key));
    return p;
  }
}
