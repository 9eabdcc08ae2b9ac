/**
 * The status bar item: which Frame account the views (and account commands run from the palette)
 * are on, and a click to switch. Hidden until there is a connection.
 */
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import { COMMANDS } from '../contract';

export class SelectionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('frameAdmin.selection', vscode.StatusBarAlignment.Left, 20);
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly selection: AccountSelection,
    private readonly store: ConnectionStore,
  ) {
    this.item.name = vscode.l10n.t('Frame Account');
    this.item.command = { command: COMMANDS.selectAccount, title: vscode.l10n.t('Switch Frame Account') };
    this.disposables = [this.item, selection.onDidChange(() => this.update()), store.onDidChange(() => this.update())];
    this.update();
  }

  private update(): void {
    if (this.store.list().length === 0) {
      this.item.hide();
      return;
    }
    const s = this.selection.value;
    const name = s ? s.account.name || s.account.accountId : undefined;
    // The codicon stays outside the translated text (a translator could break "$(organization)").
    this.item.text = `$(organization) ${name ?? vscode.l10n.t('Frame: select an account')}`;
    this.item.tooltip = s
      ? vscode.l10n.t('Frame account {0} (connection "{1}"). Click to switch.', name!, s.connection.name)
      : vscode.l10n.t('Choose the Frame account the views show.');
    this.item.accessibilityInformation = {
      label: s ? vscode.l10n.t('Frame account {0}, click to switch', name!) : vscode.l10n.t('Choose a Frame account'),
    };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
