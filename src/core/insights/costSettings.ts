/**
 * The admin's cost settings, read as untrusted input (settings.json can hold anything):
 * `frameAdmin.capacity.prices` (instance type × datacenter per hour, storage per GB-month) and
 * `frameAdmin.capacity.accounts` (per account name or id: its organization, its customer and its
 * storage in GB, which the Web API does not give). Nothing is invented: an empty table prices
 * nothing, and a value that cannot be used is refused with what to fix.
 */
import * as l10n from '@vscode/l10n';
import { FrameError } from '../errors';
import type { AccountGroups, InstancePrice, PriceTable } from './cost';

export const PRICES_SETTING = 'frameAdmin.capacity.prices';
export const ACCOUNTS_SETTING = 'frameAdmin.capacity.accounts';

export interface AccountFacts extends AccountGroups {
  storageGb?: number;
}

export interface CostSettings {
  prices: PriceTable;
  /** By account name or account id. */
  accounts: Record<string, AccountFacts>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const bad = (setting: string, what: string): never => {
  throw new FrameError(
    'invalid-request',
    l10n.t({
      message: 'The setting {0} is not usable: {1}. Open it with Edit Prices and correct it.',
      args: [setting, what],
      comment: ['{1} says what in the setting is wrong.'],
    }),
  );
};
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const optionalText = (v: unknown, setting: string, field: 'organization' | 'customer', key: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    return bad(
      setting,
      field === 'organization' ? l10n.t('the organization of "{0}" must be text', key) : l10n.t('the customer of "{0}" must be text', key),
    );
  return v.trim() || undefined;
};

export function parseCostSettings(prices: unknown, accounts: unknown): CostSettings {
  const table: { instances: InstancePrice[]; storagePerGbMonth?: number } = { instances: [] };
  if (prices !== undefined && prices !== null) {
    if (!isObject(prices)) bad(PRICES_SETTING, l10n.t('it must be an object with "instances" and "storagePerGbMonth"'));
    const p = prices as Record<string, unknown>;
    if (p.instances !== undefined && !Array.isArray(p.instances)) bad(PRICES_SETTING, l10n.t('"instances" must be a list'));
    for (const [i, row] of ((p.instances as unknown[] | undefined) ?? []).entries()) {
      if (!isObject(row)) bad(PRICES_SETTING, l10n.t('instances[{0}] must be an object', i));
      const r = row as Record<string, unknown>;
      if (typeof r.instanceType !== 'string' || !r.instanceType.trim())
        bad(PRICES_SETTING, l10n.t('instances[{0}] needs an "instanceType"', i));
      if (typeof r.datacenter !== 'string' || !r.datacenter.trim())
        bad(PRICES_SETTING, l10n.t('instances[{0}] needs a "datacenter" (or "*" for any)', i));
      if (!isAmount(r.perHour)) bad(PRICES_SETTING, l10n.t('instances[{0}] needs a "perHour" price of 0 or more', i));
      table.instances.push({ instanceType: r.instanceType as string, datacenter: r.datacenter as string, perHour: r.perHour as number });
    }
    if (p.storagePerGbMonth !== undefined) {
      if (!isAmount(p.storagePerGbMonth)) bad(PRICES_SETTING, l10n.t('"storagePerGbMonth" must be a price of 0 or more'));
      table.storagePerGbMonth = p.storagePerGbMonth as number;
    }
  }
  const facts: Record<string, AccountFacts> = {};
  if (accounts !== undefined && accounts !== null) {
    if (!isObject(accounts)) bad(ACCOUNTS_SETTING, l10n.t('it must be an object keyed by account name or id'));
    for (const [key, v] of Object.entries(accounts as Record<string, unknown>)) {
      if (!isObject(v)) bad(ACCOUNTS_SETTING, l10n.t('"{0}" must be an object', key));
      const o = v as Record<string, unknown>;
      const f: AccountFacts = {};
      const organization = optionalText(o.organization, ACCOUNTS_SETTING, 'organization', key);
      const customer = optionalText(o.customer, ACCOUNTS_SETTING, 'customer', key);
      if (organization) f.organization = organization;
      if (customer) f.customer = customer;
      if (o.storageGb !== undefined) {
        if (!isAmount(o.storageGb)) bad(ACCOUNTS_SETTING, l10n.t('the storageGb of "{0}" must be a number of 0 or more', key));
        f.storageGb = o.storageGb as number;
      }
      facts[key.trim()] = f;
    }
  }
  return { prices: table, accounts: facts };
}

/**
 * What estimateCost needs of the settings for these accounts (each named as its usage names it,
 * with its id when known): their groups and storage, found by id first, then by name.
 */
export function accountInputs(
  settings: CostSettings,
  accounts: readonly { account: string; accountId?: string }[],
): { groups: Record<string, AccountGroups>; storageGb: Record<string, number> } {
  const groups: Record<string, AccountGroups> = {};
  const storageGb: Record<string, number> = {};
  for (const { account, accountId } of accounts) {
    const f = (accountId !== undefined ? settings.accounts[accountId] : undefined) ?? settings.accounts[account];
    if (!f) continue;
    groups[account] = { organization: f.organization, customer: f.customer };
    if (f.storageGb !== undefined) storageGb[account] = f.storageGb;
  }
  return { groups, storageGb };
}
