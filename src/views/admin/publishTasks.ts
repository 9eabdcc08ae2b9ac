/** An account's Publish Tasks (newest first) and each task; the list reloads itself while one is under way. */
import * as vscode from 'vscode';
import type { AdminAccount, PublishTaskInfo } from '../../core/api';
import { entityKey, publishTaskDetails, publishTaskSummary, publishTaskTooltip, readPublishTasks } from '../../core/admin';
import { COMMANDS, CONTEXT } from '../../contract';
import type { TreeNode } from '../tree/treeNode';
import { AdminLeafNode, AdminParentNode, tooltipOf, type AdminItem } from './adminNode';
import { UnreadableNode } from './unreadable';

/** The account node a Publish Tasks list sits under (a structural type: accounts.ts imports this file). */
export interface TasksOwner extends AdminParentNode {
  readonly adminAccount: AdminAccount;
}

export class PublishTasksNode extends AdminParentNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load publish tasks');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly accountNode: TasksOwner) {
    super(accountNode, 'tasks', accountNode.src);
    this.src.state.registerTasks(this.connection.id, accountNode.adminAccount.id, this);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Publish Tasks'), CONTEXT.publishTasks, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = vscode.l10n.t('Sandbox → production');
    item.iconPath = new vscode.ThemeIcon('history');
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No publish tasks');
  }

  protected async load(): Promise<TreeNode[]> {
    this.stopTimer();
    const account = this.accountNode.adminAccount;
    const read = await readPublishTasks(await this.src.client(), account.id);
    if ('unreadable' in read)
      return [new UnreadableNode(this, this.src, vscode.l10n.t('Publish tasks of "{0}"', account.name), read.unreadable)];
    if (read.refreshInMs !== undefined) this.startTimer(this.src.state.publishTasksRefreshMs ?? read.refreshInMs);
    return read.tasks.map((t) => new PublishTaskNode(this, t));
  }

  override invalidate(): void {
    super.invalidate();
    this.stopTimer();
  }

  private startTimer(ms: number): void {
    this.stopTimer();
    this.timer = setTimeout(() => this.selfRefresh(ms), ms);
  }

  private selfRefresh(ms: number): void {
    this.timer = undefined;
    // A node the view has since rebuilt (a refresh above it) is no longer shown: leave it be.
    if (!this.src.state.isCurrentTasks(this.connection.id, this.accountNode.adminAccount.id, this)) return;
    this.tree.refresh(this);
    // The view may not ask for the children again (collapsed, or the refresh met an expansion under
    // way and was dropped: seen under load). Asking again later costs no request; a load resets it.
    this.startTimer(ms);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const PHASE_ICONS: Record<PublishTaskInfo['phase'], [string, string | undefined]> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  canceled: ['circle-slash', 'disabledForeground'],
  running: ['sync~spin', undefined],
};

export class PublishTaskNode extends AdminLeafNode implements AdminItem {
  constructor(
    readonly tasksNode: PublishTasksNode,
    readonly task: PublishTaskInfo,
  ) {
    super(tasksNode, `task:${entityKey(task.id, task.raw)}`, tasksNode.src);
  }

  get copyable() {
    const id = this.task.id;
    return { id, copied: vscode.l10n.t('Copied publish task ID {0}', id) };
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.task;
    const item = this.item(t.state || vscode.l10n.t('(no state)'), CONTEXT.publishTask);
    const now = Date.now();
    item.description = publishTaskSummary(t, now);
    const [icon, color] = PHASE_ICONS[t.phase];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = tooltipOf(publishTaskTooltip(t, now));
    item.command = { command: COMMANDS.showDetails, title: vscode.l10n.t('Show Details'), arguments: [this] };
    return item;
  }

  async details() {
    return publishTaskDetails(this.task, this.tasksNode.accountNode.adminAccount.name);
  }
}
