/** Finding a month's report link among the ones Frame lists (one function for the tabs, the panel and the loaders). */
import * as l10n from '@vscode/l10n';
import type { FrameClient, SessionReportLink } from '../api';
import { monthKey } from '../dates';
import { FrameError } from '../errors';

/** The link of a month (yyyy-MM) among listed links, or a clear error when Frame does not list it. */
export function reportLinkOf(links: readonly SessionReportLink[], month: string): SessionReportLink {
  const link = links.find((l) => monthKey(l) === month);
  if (!link)
    throw new FrameError(
      'not-listed',
      l10n.t('Frame does not list a session report for {0} (any more); refresh the list of reports.', month),
    );
  return link;
}

/** Lists an account's reports and finds a month's link (see reportLinkOf). */
export async function findReportLink(
  client: FrameClient,
  accountId: string,
  month: string,
  signal?: AbortSignal,
): Promise<SessionReportLink> {
  return reportLinkOf(await client.listSessionReports(accountId, signal), month);
}
