/**
 * The Activity view: the write actions the extension ran (ActivityLog), grouped under their
 * connection, newest first, each with its account, time and outcome (so that a side bar of the
 * default width shows them whole); a click shows the account in the Accounts view, or the task
 * Frame started under it. The "Frame" log keeps the detail.
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
    // Under its connection: the account as the label, then the time and the outcome; the action
    // last, where a narrow side bar cuts (the tooltip and the accessible name keep everything).
    const item = this.item(e.accountName || e.accountId || vscode.l10n.t('(no account)'), CONTEXT.activityEntry);
    item.description = `${relativeTime(e.at, Date.now())} · ${e.outcome} · ${e.action}`;
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

/** The write actions of one connection, newest first (its name as the latest entry recorded it). */
export class ActivityConnectionNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly connectionId: string,
    readonly entries: readonly ActivityEntry[],
  ) {
    super(parent, `connection:${connectionId}`);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.entries[0]!.connectionName, CONTEXT.activityConnection, vscode.TreeItemCollapsibleState.Expanded);
    const n = this.entries.length;
    item.description = n === 1 ? vscode.l10n.t('1 write action') : vscode.l10n.t('{0} write actions', n);
    item.iconPath = new vscode.ThemeIcon('plug');
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    return Promise.resolve(this.entries.map((e) => new ActivityNode(this, e)));
  }
}

/** Entries grouped by connection, the groups in the order of their newest entry (the list is newest first). */
export function groupByConnection(entries: readonly ActivityEntry[]): { connectionId: string; entries: ActivityEntry[] }[] {
  const groups = new Map<string, ActivityEntry[]>();
  for (const e of entries) {
    const group = groups.get(e.connectionId);
    if (group) group.push(e);
    else groups.set(e.connectionId, [e]);
  }
  return [...groups].map(([connectionId, list]) => ({ connectionId, entries: list }));
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
    return groupByConnection(this.activity.list()).map((g) => new ActivityConnectionNode(this, g.connectionId, g.entries));
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
