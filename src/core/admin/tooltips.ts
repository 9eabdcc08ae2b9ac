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
import { formatUtcTime, parseApiTime, relativeTime } from '../time';

/** A tooltip as data: a title, then one paragraph per line. */
export interface TooltipText {
  title: string;
  lines: string[];
}

/** "Label: value" for the fields that have a value. */
function lines(...pairs: [string, string | undefined][]): string[] {
  return pairs.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v}`);
}

/** "2026-11-03 14:22 UTC (3 days ago)", or the text as sent when it is not a time. */
export function timeText(raw: string, nowMs = Date.now()): string {
  const ms = parseApiTime(raw);
  return ms === undefined ? raw : `${formatUtcTime(ms)} (${relativeTime(ms, nowMs)})`;
}

export function customerTooltip(c: AdminCustomer): TooltipText {
  return {
    title: c.name || '(no name)',
    lines: lines(
      ['Customer ID', c.id],
      ['URL slug', c.urlSlug],
      ['Owner', c.ownerEmail],
      ['Tenant domain', c.tenantDomain],
      ['Website', c.website],
      ['Description', c.description],
      ['Notes', c.notes],
      ['Status', c.active === false ? 'inactive' : c.active ? 'active' : undefined],
    ),
  };
}

export function organizationTooltip(o: AdminOrganization): TooltipText {
  return {
    title: o.name || '(no name)',
    lines: lines(['Organization ID', o.id], ['URL slug', o.urlSlug], ['Website', o.website], ['Description', o.description]),
  };
}

/**
 * An account's tooltip: the list fields, then those only `GET /accounts/{id}` has (`details`), or,
 * when that read failed (`details.error`, a message for people), why they are missing.
 */
export function accountTooltip(a: AdminAccount, details: AdminAccountDetails | { error: string }, nowMs = Date.now()): TooltipText {
  const base = lines(
    ['Account ID', a.id],
    ['Status', a.active === undefined ? undefined : a.active ? 'active' : 'inactive'],
    ['Last publish', a.lastPublish ? timeText(a.lastPublish, nowMs) : 'never'],
  );
  if ('error' in details)
    return {
      title: a.name || '(no name)',
      lines: [...base, ...lines(['Description', a.description], ['Website', a.website]), `Details could not be read: ${details.error}`],
    };
  const d = details;
  return {
    title: d.name || a.name || '(no name)',
    lines: [
      ...base,
      ...lines(
        ['Kind', d.kind],
        ['URL slug', d.urlSlug],
        ['Created', d.insertedAt ? timeText(d.insertedAt, nowMs) : undefined],
        ['Description', d.description],
        ['Notes', d.notes],
        ['Website', d.website],
      ),
      'Times are UTC (Frame sends some without a time zone; they are read as UTC).',
    ],
  };
}

const PHASE_MEANINGS: Record<PublishTaskInfo['phase'], string> = {
  succeeded: 'finished successfully',
  failed: 'failed',
  canceled: 'cancelled',
  running: 'not finished',
};

export function publishTaskTooltip(t: PublishTaskInfo, nowMs = Date.now()): TooltipText {
  return {
    title: `Publish task: ${t.state || '(no state)'}`,
    lines: lines(
      ['Task ID', t.id || '(none in the answer)'],
      ['Meaning', PHASE_MEANINGS[t.phase]],
      ['Started', t.startedAt ? timeText(t.startedAt, nowMs) : undefined],
      ['Finished', t.finishedAt ? timeText(t.finishedAt, nowMs) : undefined],
    ),
  };
}

export function cloudProviderTooltip(p: CloudProvider): TooltipText {
  return {
    title: p.displayName,
    lines: lines(
      ['Name', p.name],
      ['External ID', p.externalId],
      ['Bring your own subscription', p.byoCompatible === undefined ? 'not said' : p.byoCompatible ? 'compatible' : 'not compatible'],
      ['Deployment link', p.formationUrl],
    ),
  };
}

export function datacenterTooltip(d: Datacenter): TooltipText {
  return { title: d.label, lines: lines(['ID', d.id], ['Cloud provider', d.provider]) };
}

/** "inactive · published 3 days ago" (an account Frame says nothing about counts as active). */
export function accountSummary(a: AdminAccount, nowMs = Date.now()): string {
  const ms = parseApiTime(a.lastPublish);
  const published = !a.lastPublish
    ? 'never published'
    : ms === undefined
      ? `published ${a.lastPublish}`
      : `published ${relativeTime(ms, nowMs)}`;
  return [a.active === false ? 'inactive' : '', published].filter(Boolean).join(' · ');
}

/** "started 5 minutes ago · still running" */
export function publishTaskSummary(t: PublishTaskInfo, nowMs = Date.now()): string {
  const started = t.startedMs !== undefined ? `started ${relativeTime(t.startedMs, nowMs)}` : t.startedAt ? `started ${t.startedAt}` : '';
  const finished =
    t.finishedMs !== undefined ? `finished ${relativeTime(t.finishedMs, nowMs)}` : t.phase === 'running' ? 'still running' : '';
  return [started, finished].filter(Boolean).join(' · ');
}

export function cloudProviderSummary(p: CloudProvider): string {
  return p.byoCompatible === true ? 'BYO compatible' : p.byoCompatible === false ? 'not BYO compatible' : '';
}
