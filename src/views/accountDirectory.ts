/**
 * The names "Go to Account…" and the status-bar switcher search: every connection, and below each
 * its accounts (Web API) or its organizations and accounts (Admin API), read once and cached until
 * a refresh. An Admin API tenant costs a few requests (organizations, then `GET /accounts`, each
 * paged to a bound; beyond it, what is typed is asked of Frame's `name` filter, `searchAdmin`);
 * an account's organization, which account objects do not carry, is learnt only when it is picked
 * or in the background while the pick is open (AccountOrganizations). Plain data for the quick
 * picks and for `revealEntry`.
 */
import type { Account, FrameAdminClient } from '../core/api';
import { AccountOrganizations, readAdminNames } from '../core/admin';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';

export type DirectoryEntry =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'organization'; connection: Connection; id: string; name: string }
  | {
      kind: 'account';
      connection: Connection;
      id: string;
      name: string;
      /** Admin API: its organization once learnt (undefined before, when found by name alone, or with scoped credentials). */
      organization?: { id: string; name: string };
      /** Web API: the account as the account commands and the selection take it. */
      webAccount?: Account;
    };

export interface DirectoryListing {
  entries: DirectoryEntry[];
  /** False when the tenant is bigger than the bound: Frame's name filter finds the rest. */
  complete: boolean;
  /** Why the connection could not be read (its entries are then just the connection). */
  error?: unknown;
}

/** Organizations and accounts read per Admin API connection before Frame's name filter takes over. */
export const DIRECTORY_BOUND = { organizations: 200, accounts: 2000 };

export class AccountDirectory {
  private readonly cache = new Map<string, Promise<DirectoryListing>>();
  /** Per Admin API connection (listed by organization): which organization each account is in, learnt lazily. */
  private readonly organizations = new Map<string, AccountOrganizations>();

  constructor(private readonly clients: ClientFactory) {}

  /** The connection's entries (the connection first), read once until `forget`. */
  listing(connection: Connection): Promise<DirectoryListing> {
    let found = this.cache.get(connection.id);
    if (!found) {
      found = this.read(connection).catch((error: unknown) => {
        // A failure is not cached: the next pick tries again.
        this.cache.delete(connection.id);
        return { entries: [{ kind: 'connection', connection }], complete: true, error } satisfies DirectoryListing;
      });
      this.cache.set(connection.id, found);
    }
    return found;
  }

  /** Organization and account names by id (the audit trail shows them for ids). */
  async names(connection: Connection): Promise<ReadonlyMap<string, string>> {
    const map = new Map<string, string>();
    for (const e of (await this.listing(connection)).entries) if (e.kind !== 'connection') map.set(e.id, e.name);
    return map;
  }

  /** Forgets what was read (of one connection, or all): a refresh, an edited connection. */
  forget(connectionId?: string): void {
    if (connectionId) {
      this.cache.delete(connectionId);
      this.organizations.delete(connectionId);
    } else {
      this.cache.clear();
      this.organizations.clear();
    }
  }

  /**
   * An Admin API account entry with its organization: as learnt, or found now by listing the
   * organizations not yet listed, a few at a time (the entry as it was when it is in none of them,
   * or the connection is not read by organization).
   */
  async withOrganization<E extends DirectoryEntry>(entry: E, signal?: AbortSignal): Promise<E> {
    if (entry.kind !== 'account' || entry.organization || entry.connection.apiKind !== 'admin') return entry;
    await this.listing(entry.connection);
    const index = this.organizations.get(entry.connection.id);
    const organization = index?.knownFor(entry.id) ?? (await index?.find(entry.id, signal));
    return organization ? { ...entry, organization } : entry;
  }

  /**
   * Learns the organization of every account of an Admin API connection in the background (the
   * cached entries gain it as each organization is listed; `onProgress` after each), a few
   * organizations at a time, until done or `signal` aborts.
   */
  async fillOrganizations(connection: Connection, signal: AbortSignal, onProgress: () => void): Promise<void> {
    await this.listing(connection);
    const index = this.organizations.get(connection.id);
    if (!index || index.complete) return;
    const stop = index.onProgress(onProgress);
    try {
      await index.fill(signal);
    } catch {
      // Cancelled (the pick closed) or failed: what was learnt stays; the rest is found when picked.
    } finally {
      stop();
    }
  }

  /** Organizations and accounts whose name contains `text`, asked of Frame (its `name` filter). */
  async searchAdmin(connection: Connection, text: string, signal?: AbortSignal): Promise<DirectoryEntry[]> {
    const admin = await this.clients.admin(connection);
    const limit = 50;
    const [orgs, accounts] = await Promise.all([
      admin.listOrganizations({ name: text }, { limit, signal }).then(
        (p) => p.items,
        () => [],
      ),
      admin.listAccounts({ name: text }, { limit, signal }).then((p) => p.items),
    ]);
    return [
      ...orgs.map((o): DirectoryEntry => ({ kind: 'organization', connection, id: o.id, name: o.name || o.id })),
      ...accounts.map((a): DirectoryEntry => ({ kind: 'account', connection, id: a.id, name: a.name || a.id })),
    ];
  }

  private async read(connection: Connection): Promise<DirectoryListing> {
    const self: DirectoryEntry = { kind: 'connection', connection };
    switch (connection.apiKind) {
      case 'web': {
        const accounts = await (await this.clients.web(connection)).listAccounts();
        return {
          entries: [
            self,
            ...accounts.map((a): DirectoryEntry => ({
              kind: 'account',
              connection,
              id: a.accountId,
              name: a.name || a.accountId,
              webAccount: a,
            })),
          ],
          complete: true,
        };
      }
      case 'admin':
        return this.readAdmin(connection, await this.clients.admin(connection));
      default:
        return { entries: [self], complete: true };
    }
  }

  /**
   * Organizations and `GET /accounts` (every account the credentials see), each to the bound: a
   * few requests whatever the number of organizations. Account objects carry no organization id:
   * an account's organization is learnt later (withOrganization, fillOrganizations).
   */
  private async readAdmin(connection: Connection, admin: FrameAdminClient): Promise<DirectoryListing> {
    const names = await readAdminNames(admin, DIRECTORY_BOUND);
    const entries: DirectoryEntry[] = [{ kind: 'connection', connection }];
    const organizations = names.organizations.map((o) => ({ id: o.id, name: o.name || o.id }));
    for (const o of organizations) entries.push({ kind: 'organization', connection, id: o.id, name: o.name });
    const byId = new Map<string, DirectoryEntry & { kind: 'account' }>();
    for (const a of names.accounts) {
      const entry: DirectoryEntry & { kind: 'account' } = { kind: 'account', connection, id: a.id, name: a.name || a.id };
      byId.set(a.id, entry);
      entries.push(entry);
    }
    // What an organization's listing teaches is written into the cached entries (the pick and the reveal read them).
    if (organizations.length > 0)
      this.organizations.set(
        connection.id,
        new AccountOrganizations(admin, organizations, (organization, ids) => {
          for (const id of ids) {
            const e = byId.get(id);
            if (e) e.organization = organization;
          }
        }),
      );
    return { entries, complete: names.complete };
  }
}
