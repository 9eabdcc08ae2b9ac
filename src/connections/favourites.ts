/**
 * Pinned accounts ("Favourites" at the top of the Accounts view), kept in globalState by id: the
 * connection's id, the account's id and the name it had when pinned (for the label until the tree
 * is read again). Never a secret, never a base URL or client id.
 */
import * as vscode from 'vscode';

export interface Favourite {
  connectionId: string;
  accountId: string;
  /** The account's name when pinned (shown; the id decides). */
  name: string;
  api: 'web' | 'admin';
  /** Admin API: the organization it was pinned under (the tree finds it there first). */
  organization?: { id: string; name: string };
}

const KEY = 'frameAdmin.favourites';
/** A bound, so that globalState stays small whatever is pinned. */
const MAX = 100;

export class Favourites implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  list(): Favourite[] {
    const raw = this.state.get<unknown>(KEY);
    return Array.isArray(raw) ? raw.filter(isFavourite) : [];
  }

  has(connectionId: string, accountId: string): boolean {
    return this.list().some((f) => f.connectionId === connectionId && f.accountId === accountId);
  }

  /** Pins an account (again: its name is updated); false when the list is full. */
  async pin(favourite: Favourite): Promise<boolean> {
    const others = this.list().filter((f) => !(f.connectionId === favourite.connectionId && f.accountId === favourite.accountId));
    if (others.length >= MAX) return false;
    const { connectionId, accountId, name, api, organization } = favourite;
    const kept: Favourite = {
      connectionId,
      accountId,
      name,
      api,
      ...(organization ? { organization: { id: organization.id, name: organization.name } } : {}),
    };
    await this.state.update(KEY, [...others, kept]);
    this.changed.fire();
    return true;
  }

  async unpin(connectionId: string, accountId: string): Promise<boolean> {
    const all = this.list();
    const kept = all.filter((f) => !(f.connectionId === connectionId && f.accountId === accountId));
    if (kept.length === all.length) return false;
    await this.state.update(KEY, kept);
    this.changed.fire();
    return true;
  }

  /** Forgets the pins of connections that no longer exist. */
  async prune(exists: (connectionId: string) => boolean): Promise<void> {
    const all = this.list();
    const kept = all.filter((f) => exists(f.connectionId));
    if (kept.length === all.length) return;
    await this.state.update(KEY, kept);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function isFavourite(v: unknown): v is Favourite {
  const f = v as Partial<Favourite> | undefined;
  return (
    !!f &&
    typeof f === 'object' &&
    typeof f.connectionId === 'string' &&
    typeof f.accountId === 'string' &&
    typeof f.name === 'string' &&
    (f.api === 'web' || f.api === 'admin')
  );
}
