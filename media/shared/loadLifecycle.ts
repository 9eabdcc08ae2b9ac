/**
 * The one load lifecycle of every tab and page: one load at a time is shown (the latest wins), progress
 * with Cancel while it runs, the old content dimmed, and a cancelled or failed load said in the
 * tab's (or page's) banner with a way to load again.
 */
import * as l10n from '@vscode/l10n';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { replace } from './dom';
import { button, errorBanner, warningBanner, type ProgressView } from './widgets';

export interface LoadSlots {
  /** What loads ("usage", "audit trail"): the banners' test ids. */
  what: string;
  /** The banner's sentence when a load was cancelled, e.g. "Loading usage was cancelled." */
  cancelled: string;
  banner: HTMLElement;
  body: HTMLElement;
  progress: ProgressView;
  /** Disables the tab's own buttons while a load runs. */
  busy: (busy: boolean) => void;
}

export class LoadLifecycle {
  private seq = 0;

  constructor(private readonly slots: LoadSlots) {}

  /** Runs `request`, shows its result with `show` unless a newer load started meanwhile. */
  async run<T>(startMessage: string, request: () => Promise<T>, show: (result: T) => void, again: () => void): Promise<void> {
    const { what, cancelled, banner, body, progress, busy } = this.slots;
    const seq = ++this.seq;
    replace(banner);
    progress.start(startMessage);
    body.classList.add('stale');
    busy(true);
    try {
      const result = await request();
      if (seq === this.seq) show(result);
    } catch (e) {
      if (seq !== this.seq) return;
      replace(
        banner,
        isCancelledRpc(e)
          ? warningBanner(
              `${what}-cancelled`,
              `${cancelled} `,
              button(l10n.t('Load Again'), again, { secondary: true, testId: 'retry-button' }),
            )
          : errorBanner(what, toRpcError(e), again),
      );
    } finally {
      if (seq === this.seq) {
        progress.stop();
        body.classList.remove('stale');
        busy(false);
      }
    }
  }
}
