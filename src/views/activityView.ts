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
    const when = relativeTime(e.at, Date.now());
    const item = this.item(e.accountName || e.accountId || vscode.l10n.t('(no account)'), CONTEXT.activityEntry);
    item.description = vscode.l10n.t('{0} · {1} · {2}', when, e.outcome, e.action);
    item.tooltip = textTooltip(
      vscode.l10n.t('{0}: {1}', e.action, e.accountName),
      vscode.l10n.t('Started: {0} ({1})', new Date(e.at).toLocaleString(), new Date(e.at).toISOString()),
      vscode.l10n.t('Last update: {0}', new Date(e.updatedAt).toISOString()),
      vscode.l10n.t('Connection: {0}', e.connectionName),
      vscode.l10n.t('Account: {0} ({1})', e.accountName, e.accountId || vscode.l10n.t('none chosen')),
      vscode.l10n.t('Outcome: {0}', e.outcome),
      ...(e.taskId ? [vscode.l10n.t('Task: {0}', e.taskId)] : []),
      e.taskId
        ? vscode.l10n.t('Click to show the task in the Accounts view.')
        : vscode.l10n.t('Click to show the account in the Accounts view.'),
      vscode.l10n.t('The "Frame" log has every step.'),
    );
    const [icon, color] = PHASE_ICONS[e.phase];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0} of {1} on {2}: {3}, {4}', e.action, e.accountName, e.connectionName, e.outcome, when),
    };
    item.command = { command: COMMANDS.openActivity, title: vscode.l10n.t('Show in Accounts'), arguments: [this] };
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
  protected readonly failedLabel = vscode.l10n.t('Could not load write actions');

  constructor(
    tree: NodeTree,
    private readonly activity: ActivityLog,
  ) {
    super(tree);
  }

  get description(): string | undefined {
    const n = this.activity.list().length;
    if (!n) return undefined;
    return n === 1 ? vscode.l10n.t('1 write action') : vscode.l10n.t('{0} write actions', n);
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
