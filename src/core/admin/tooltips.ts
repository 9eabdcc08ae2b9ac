/**
 * What the Admin API nodes say about their entity, as plain text: the tooltip (a title and lines,
 * which the view renders as text) and the one-line description beside the label. Only the fields
 * that have a value are listed; times are UTC with "3 days ago" beside them.
 */
import type {
  AdminAccount,
  AdminAccountDetails,
  AdminCustomer,
  AdminOrganization,
  CloudProvider,
  Datacenter,
  PublishTaskInfo,
} from '../api';
import * as l10n from '@vscode/l10n';
import { formatUtcTime, parseApiTime, relativeTime } from '../time';

/** A tooltip as data: a title, then one paragraph per line. */
export interface TooltipText {
  title: string;
  lines: string[];
}

/** "Label: value" for the fields that have a value. */
function lines(...pairs: [string, string | undefined][]): string[] {
  return pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => l10n.t({ message: '{0}: {1}', args: [k, v!], comment: ['A tooltip line: a field label, then its value.'] }));
}

/** "2026-11-03 14:22 UTC (3 days ago)", or the text as sent when it is not a time. */
export function timeText(raw: string, nowMs = Date.now()): string {
  const ms = parseApiTime(raw);
  return ms === undefined
    ? raw
    : l10n.t({ message: '{0} ({1})', args: [formatUtcTime(ms), relativeTime(ms, nowMs)], comment: ['A time, then how long ago it was.'] });
}

export function customerTooltip(c: AdminCustomer): TooltipText {
  return {
    title: c.name || l10n.t('(no name)'),
    lines: lines(
      [l10n.t('Customer ID'), c.id],
      [l10n.t('URL slug'), c.urlSlug],
      [l10n.t('Owner'), c.ownerEmail],
      [l10n.t('Tenant domain'), c.tenantDomain],
      [l10n.t('Website'), c.website],
      [l10n.t('Description'), c.description],
      [l10n.t('Notes'), c.notes],
      [l10n.t('Status'), c.active === false ? l10n.t('inactive') : c.active ? l10n.t('active') : undefined],
    ),
  };
}

export function organizationTooltip(o: AdminOrganization): TooltipText {
  return {
    title: o.name || l10n.t('(no name)'),
    lines: lines(
      [l10n.t('Organization ID'), o.id],
      [l10n.t('URL slug'), o.urlSlug],
      [l10n.t('Website'), o.website],
      [l10n.t('Description'), o.description],
    ),
  };
}

/**
 * An account's tooltip: the list fields, then those only `GET /accounts/{id}` has (`details`), or,
 * when that read failed (`details.error`, a message for people), why they are missing.
 */
export function accountTooltip(a: AdminAccount, details: AdminAccountDetails | { error: string }, nowMs = Date.now()): TooltipText {
  const base = lines(
    [l10n.t('Account ID'), a.id],
    [l10n.t('Status'), a.active === undefined ? undefined : a.active ? l10n.t('active') : l10n.t('inactive')],
    [l10n.t('Last publish'), a.lastPublish ? timeText(a.lastPublish, nowMs) : l10n.t('never')],
  );
  if ('error' in details)
    return {
      title: a.name || l10n.t('(no name)'),
      lines: [
        ...base,
        ...lines([l10n.t('Description'), a.description], [l10n.t('Website'), a.website]),
        l10n.t('Details could not be read: {0}', details.error),
      ],
    };
  const d = details;
  return {
    title: d.name || a.name || l10n.t('(no name)'),
    lines: [
      ...base,
      ...lines(
        [l10n.t('Kind'), d.kind],
        [l10n.t('URL slug'), d.urlSlug],
        [l10n.t('Created'), d.insertedAt ? timeText(d.insertedAt, nowMs) : undefined],
        [l10n.t('Description'), d.description],
        [l10n.t('Notes'), d.notes],
        [l10n.t('Website'), d.website],
      ),
      l10n.t('Times are UTC (Frame sends some without a time zone; they are read as UTC).'),
    ],
  };
}

// A function, not a table: the strings are read after the display language's bundle is configured.
function phaseMeaning(phase: PublishTaskInfo['phase']): string {
  switch (phase) {
    case 'succeeded':
      return l10n.t('finished successfully');
    case 'failed':
      return l10n.t('failed');
    case 'canceled':
      return l10n.t('cancelled');
    case 'running':
      return l10n.t('not finished');
  }
}

export function publishTaskTooltip(t: PublishTaskInfo, nowMs = Date.now()): TooltipText {
  return {
    title: l10n.t('Publish task: {0}', t.state || l10n.t('(no state)')),
    lines: lines(
      [l10n.t('Task ID'), t.id || l10n.t('(none in the answer)')],
      [l10n.t('Meaning'), phaseMeaning(t.phase)],
      [l10n.t('Started'), t.startedAt ? timeText(t.startedAt, nowMs) : undefined],
      [l10n.t('Finished'), t.finishedAt ? timeText(t.finishedAt, nowMs) : undefined],
    ),
  };
}

export function cloudProviderTooltip(p: CloudProvider): TooltipText {
  return {
    title: p.displayName,
    lines: lines(
      [l10n.t('Name'), p.name],
      [l10n.t('External ID'), p.externalId],
      [
        l10n.t('Bring your own subscription'),
        p.byoCompatible === undefined ? l10n.t('not said') : p.byoCompatible ? l10n.t('compatible') : l10n.t('not compatible'),
      ],
      [l10n.t('Deployment link'), p.formationUrl],
    ),
  };
}

export function datacenterTooltip(d: Datacenter): TooltipText {
  return { title: d.label, lines: lines([l10n.t('ID'), d.id], [l10n.t('Cloud provider'), d.provider]) };
}

/** "inactive · published 3 days ago" (an account Frame says nothing about counts as active). */
export function accountSummary(a: AdminAccount, nowMs = Date.now()): string {
  const ms = parseApiTime(a.lastPublish);
  const published = !a.lastPublish
    ? l10n.t('never published')
    : ms === undefined
      ? l10n.t('published {0}', a.lastPublish)
      : l10n.t('published {0}', relativeTime(ms, nowMs));
  return [a.active === false ? l10n.t('inactive') : '', published].filter(Boolean).join(' · ');
}

/** "started 5 minutes ago · still running" */
export function publishTaskSummary(t: PublishTaskInfo, nowMs = Date.now()): string {
  const started =
    t.startedMs !== undefined
      ? l10n.t('started {0}', relativeTime(t.startedMs, nowMs))
      : t.startedAt
        ? l10n.t('started {0}', t.startedAt)
        : '';
  const finished =
    t.finishedMs !== undefined
      ? l10n.t('finished {0}', relativeTime(t.finishedMs, nowMs))
      : t.phase === 'running'
        ? l10n.t('still running')
        : '';
  return [started, finished].filter(Boolean).join(' · ');
}

export function cloudProviderSummary(p: CloudProvider): string {
  return p.byoCompatible === true ? l10n.t('BYO compatible') : p.byoCompatible === false ? l10n.t('not BYO compatible') : '';
}
