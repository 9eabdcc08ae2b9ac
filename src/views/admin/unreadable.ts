/** An answer whose shape this extension does not recognise: click to see it as received. */
import * as vscode from 'vscode';
import { unreadableDetails } from '../../core/admin';
import { COMMANDS, CONTEXT } from '../../contract';
import type { TreeNode } from '../tree/treeNode';
import { AdminLeafNode, type AdminItem, type AdminSource } from './adminNode';

export class UnreadableNode extends AdminLeafNode implements AdminItem {
  constructor(
    parent: TreeNode,
    src: AdminSource,
    readonly title: string,
    readonly body: unknown,
  ) {
    super(parent, 'message:unreadable', src);
  }

  get copyable() {
    return { id: '', copied: '' };
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t("Frame's answer has a shape this extension does not recognise: click to see it"), CONTEXT.message);
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.command = { command: COMMANDS.showDetails, title: vscode.l10n.t('Show Details'), arguments: [this] };
    return item;
  }

  async details() {
    return unreadableDetails(this.title, this.body);
  }
}
