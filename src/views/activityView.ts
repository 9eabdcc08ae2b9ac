/**
 * The Activity view: the write actions the extension ran (ActivityLog), newest first, each with
 * its time, connection, account and outcome; a click shows the account in the Accounts view, or
 * the task Frame started under it. The "Frame" log keeps the detail.
 */
import * as vscode from 'vscode';
import { relativeTime } from '../core/time';
import type { ActivityEntry, ActivityLog, ActivityPhase } from '../connections/activityLog';
import { COMMANDS, CONTEXT, VIEWS } from '../contract';
import { textTooltip } from '../ui/markdown';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { RootNode, TreeNode, type NodeTree } from './tree/treeNode';

const PHASE_ICONS: Record<ActivityPhase, [string, string | undefined]> = {
  running: ['sync~spin', undefined],
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  unknown: ['question', 'problemsWarningIcon.foreground'],
  refused: ['circle-slash', 'disabledForeground'],
};

export class ActivityNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly entry: ActivityEntry,
  ) {
    super(parent, `activity:${entry.id}`);
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const item = this.item(`${e.action}: ${e.accountName || e.accountId || '(no account)'}`, CONTEXT.activityEntry);
    item.description = `${e.outcome} · ${relativeTime(e.at, Date.now())} · ${e.connectionName}`;
    item.tooltip = textTooltip(
      `${e.action}: ${e.accountName}`,
      `Started: ${new Date(e.at).toLocaleString()} (${new Date(e.at).toISOString()})`,
      `Last update: ${new Date(e.updatedAt).toISOString()}`,
      `Connection: ${e.connectionName}`,
      `Account: ${e.accountName} (${e.accountId || 'none chosen'})`,
      `Outcome: ${e.outcome}`,
      ...(e.taskId ? [`Task: ${e.taskId}`] : []),
      e.taskId ? 'Click to show the task in the Accounts view.' : 'Click to show the account in the Accounts view.',
      'The "Frame" log has every step.',
    );
    const [icon, color] = PHASE_ICONS[e.phase];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.accessibilityInformation = {
      label: `${e.action} of ${e.accountName} on ${e.connectionName}: ${e.outcome}, ${relativeTime(e.at, Date.now())}`,
    };
    item.command = { command: COMMANDS.openActivity, title: 'Show in Accounts', arguments: [this] };
    return item;
  }
}

class ActivityRoot extends RootNode {
  protected readonly what = 'write actions';

  constructor(
    tree: NodeTree,
    private readonly activity: ActivityLog,
  ) {
    super(tree);
  }

  get description(): string | undefined {
    const n = this.activity.list().length;
    return n ? `${n} write action${n === 1 ? '' : 's'}` : undefined;
  }

  /** Nothing, so that the view's welcome content says what shows here. */
  protected override emptyLabel(): undefined {
    return undefined;
  }

  protected async load(): Promise<TreeNode[]> {
    return this.activity.list().map((e) => new ActivityNode(this, e));
  }
}

export class ActivityView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  private readonly disposables: vscode.Disposable[];

  constructor(readonly activity: ActivityLog) {
    this.tree = new NodeTreeProvider(VIEWS.activity, (tree) => new ActivityRoot(tree, activity));
    this.disposables = [this.tree, activity.onDidChange(() => this.tree.refresh())];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
