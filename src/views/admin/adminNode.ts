/**
 * What every Admin API node of the Accounts view is built on: the connection and the view's
 * context, taken once where the tenant tree starts (`AdminSource`) and handed down, and the three
 * node bases (leaf, parent, paged) that read it. What a node shows comes from src/core/admin; a
 * node here is only a tree item and its children.
 */
import * as vscode from 'vscode';
import type { AdminEntity, FrameAdminClient, Page } from '../../core/api';
import type { AdminDetails, TooltipText } from '../../core/admin';
import type { Connection } from '../../connections/connection';
import { textTooltip } from '../../ui/markdown';
import type { AdminFilter, AdminViewState } from '../adminViewState';
import type { AccountsContext } from '../nodeContext';
import { PagedNode, ParentNode, TreeNode } from '../tree/treeNode';

/** One Admin API connection's tenant tree: its connection, client, filters and toggles. */
export class AdminSource {
  constructor(
    readonly connection: Connection,
    private readonly ctx: AccountsContext,
  ) {}

  /** The connection's client (its secret read from SecretStorage at that moment). */
  client(): Promise<FrameAdminClient> {
    return this.ctx.clients.admin(this.connection);
  }

  get state(): AdminViewState {
    return this.ctx.admin;
  }

  get filter(): AdminFilter {
    return this.ctx.admin.filterOf(this.connection.id);
  }
}

/** What Copy ID and Show Details act on. */
export interface AdminItem {
  readonly connection: Connection;
  /**
   * Copy ID: the entity's id ('' when Frame gave none) and the status bar's confirmation as a
   * whole sentence ("Copied account ID 42"), translated.
   */
  readonly copyable: { id: string; copied: string };
  /** Show Details: a title, a file name and the labelled sections (read now where they need a request). */
  details(signal: AbortSignal): Promise<AdminDetails>;
}

export function isAdminItem(v: unknown): v is AdminItem {
  const x = v as Partial<AdminItem> | undefined;
  return !!x && typeof x === 'object' && typeof x.details === 'function' && !!x.copyable && typeof x.copyable.id === 'string';
}

/** A tooltip from core's plain text, every value rendered as text. */
export const tooltipOf = (t: TooltipText): vscode.MarkdownString => textTooltip(t.title, ...t.lines);

export abstract class AdminLeafNode extends TreeNode {
  constructor(
    parent: TreeNode,
    key: string,
    readonly src: AdminSource,
  ) {
    super(parent, key);
  }

  override get connection(): Connection {
    return this.src.connection;
  }
}

export abstract class AdminParentNode extends ParentNode {
  constructor(
    parent: TreeNode,
    key: string,
    readonly src: AdminSource,
  ) {
    super(parent, key);
  }

  override get connection(): Connection {
    return this.src.connection;
  }
}

/** Pages of one Admin API list (core's Pager stops a list whose pages come round again). */
export abstract class AdminPagedNode<T extends AdminEntity> extends PagedNode<T> {
  constructor(
    parent: TreeNode,
    key: string,
    readonly src: AdminSource,
  ) {
    super(parent, key);
  }

  override get connection(): Connection {
    return this.src.connection;
  }

  protected pageSize(): number {
    return this.src.state.pageSize();
  }

  protected abstract list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<T>>;

  /** The page whole (total, oversized): the tree's Pager bounds repeated, rotated and oversized pages. */
  protected async fetchPage(offset: number, limit: number): Promise<Page<T>> {
    return this.list(await this.src.client(), offset, limit);
  }
}
