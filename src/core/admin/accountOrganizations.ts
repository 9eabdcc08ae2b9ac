/**
 * Which organization an Admin API account belongs to. The Admin API's account objects carry no
 * organization id (`GET /accounts` and `GET /accounts/{id}` document none), so the only way to
 * know is to list each organization's accounts (`GET /accounts?organization_id=…`). This does it
 * lazily: for one account until it is found, or for all in the background, a few organizations at
 * a time, each organization listed once and remembered; a signal stops it between requests.
 */
import type { FrameAdminClient } from '../api';
import { isCancellation } from '../errors';

export interface OrganizationRef {
  id: string;
  name: string;
}

/** Organizations listed at the same time. */
const PARALLEL = 3;
/** Accounts read per organization (beyond it, an account is found by Frame's name filter). */
const MAX_ACCOUNTS_PER_ORGANIZATION = 2000;

export class AccountOrganizations {
  /** Account id → its organization, as learnt so far. */
  private readonly known = new Map<string, OrganizationRef>();
  /** Organizations whose accounts have been listed. */
  private readonly listed = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly admin: FrameAdminClient,
    private readonly organizations: readonly OrganizationRef[],
    /** Told after each organization listed: its accounts' ids (to update what shows them). */
    private readonly onListed: (organization: OrganizationRef, accountIds: readonly string[]) => void = () => undefined,
  ) {}

  /** The account's organization, if already learnt (no request). */
  knownFor(accountId: string): OrganizationRef | undefined {
    return this.known.get(accountId);
  }

  /** Calls `listener` after each organization listed, until the returned function is called. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True once every organization has been listed. */
  get complete(): boolean {
    return this.organizations.every((o) => this.listed.has(o.id));
  }

  /** The account's organization: listing organizations not yet listed, a few at a time, until it is found. */
  async find(accountId: string, signal?: AbortSignal): Promise<OrganizationRef | undefined> {
    await this.scan(signal, () => this.known.has(accountId));
    return this.known.get(accountId);
  }

  /** Lists every organization not yet listed (the background fill); stops when `signal` aborts. */
  async fill(signal?: AbortSignal): Promise<void> {
    await this.scan(signal, () => false);
  }

  private async scan(signal: AbortSignal | undefined, done: () => boolean): Promise<void> {
    const queue = this.organizations.filter((o) => !this.listed.has(o.id));
    let next = 0;
    const worker = async () => {
      while (!done() && next < queue.length) {
        signal?.throwIfAborted();
        const organization = queue[next++]!;
        try {
          await this.list(organization, signal);
        } catch (e) {
          if (signal?.aborted) throw e;
          // Another caller's cancelled request: list it again for this one.
          if (isCancellation(e)) await this.list(organization, signal).catch(() => undefined);
          // An organization that cannot be listed is skipped (tried again next time); the name filter finds its accounts.
        }
      }
    };
    if (done()) return;
    // Every worker settles before this returns (none asks anything after a cancelled scan).
    const ends = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    const failed = ends.find((e): e is PromiseRejectedResult => e.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private list(organization: OrganizationRef, signal: AbortSignal | undefined): Promise<void> {
    if (this.listed.has(organization.id)) return Promise.resolve();
    let pending = this.inFlight.get(organization.id);
    if (!pending) {
      pending = this.admin
        .all((p) => this.admin.listAccounts({ organizationId: organization.id }, p), {
          maxItems: MAX_ACCOUNTS_PER_ORGANIZATION,
          signal,
        })
        .then((accounts) => {
          for (const a of accounts) this.known.set(a.id, organization);
          this.listed.add(organization.id);
          this.onListed(
            organization,
            accounts.map((a) => a.id),
          );
          for (const listener of this.listeners) listener();
        })
        .finally(() => this.inFlight.delete(organization.id));
      this.inFlight.set(organization.id, pending);
    }
    return pending;
  }
}
