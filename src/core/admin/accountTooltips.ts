/**
 * An account's tooltip as VS Code asks for it on hover. The list answer lacks what people look for
 * (kind, URL slug, creation time, notes: only `GET /accounts/{id}` has them), so the first hover
 * reads the account once; later hovers reuse that read until `forget()` (a refresh). A failed
 * read is not kept (the next hover tries again) and shows why; a cancelled one stops silently.
 */
import type { AdminAccount, AdminAccountDetails } from '../api';
import { isCancellation, userMessage } from '../errors';
import { accountTooltip, type TooltipText } from './tooltips';

export class AccountTooltip {
  private read: Promise<AdminAccountDetails> | undefined;

  constructor(
    readonly account: AdminAccount,
    /** Reads `GET /accounts/{id}` of this account. */
    private readonly readDetails: (signal?: AbortSignal) => Promise<AdminAccountDetails>,
  ) {}

  async load(signal?: AbortSignal, nowMs = Date.now()): Promise<TooltipText> {
    try {
      this.read ??= this.readDetails(signal);
      return accountTooltip(this.account, await this.read, nowMs);
    } catch (e) {
      this.read = undefined;
      if (isCancellation(e)) throw e;
      return accountTooltip(this.account, { error: userMessage(e) }, nowMs);
    }
  }

  /** Reads again on the next hover. */
  forget(): void {
    this.read = undefined;
  }
}
