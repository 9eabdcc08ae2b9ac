/**
 * What Show Details shows for each Admin API entity: a title, a file name and the labelled sections
 * of the document (`detailsDocument`). The entities read from a list are shown as they were
 * listed; an account is read again with its sections, each failure kept as that section's note.
 */
import {
  type AdminAccount,
  type AdminCustomer,
  type AdminOrganization,
  type CloudProvider,
  type Datacenter,
  type DetailsSection,
  type FrameAdminClient,
  type PublishTaskInfo,
} from '../api';
import * as l10n from '@vscode/l10n';
import { isCancellation, userMessage } from '../errors';

/** Everything Show Details needs to open one document. */
export interface AdminDetails {
  title: string;
  fileName: string;
  sections: DetailsSection[];
}

const documented = (key: string, label: string, value: unknown): DetailsSection => ({ key, label, documented: true, value });
const asReceived = (key: string, label: string, value: unknown): DetailsSection => ({ key, label, documented: false, value });

/** One document with its title and the name it is saved as (each a whole phrase, for translation). */
function titled(title: string, fileName: string, sections: DetailsSection[]): AdminDetails {
  return { title, fileName, sections };
}

export function customerDetails(c: AdminCustomer): AdminDetails {
  const name = c.name || c.id;
  return titled(l10n.t('Customer "{0}"', name), l10n.t('Customer {0}', name), [
    documented('customer', l10n.t('{0}: the customer', 'GET /customers/'), c.raw),
  ]);
}

export function organizationDetails(o: AdminOrganization): AdminDetails {
  const name = o.name || o.id;
  return titled(l10n.t('Organization "{0}"', name), l10n.t('Organization {0}', name), [
    documented('organization', l10n.t('{0}: the organization', 'GET /organizations'), o.raw),
  ]);
}

export function cloudProviderDetails(p: CloudProvider): AdminDetails {
  return titled(l10n.t('Cloud provider "{0}"', p.displayName), l10n.t('Cloud provider {0}', p.displayName), [
    documented('cloud_provider', l10n.t('{0}: one provider', 'GET /cloud_providers'), p.raw),
  ]);
}

export function datacenterDetails(d: Datacenter): AdminDetails {
  return titled(l10n.t('Datacenter "{0}"', d.label), l10n.t('Datacenter {0}', d.label), [
    asReceived('datacenter', l10n.t('{0}: one datacenter', 'GET /datacenters'), d.raw),
  ]);
}

export function publishTaskDetails(task: PublishTaskInfo, accountName: string): AdminDetails {
  return {
    title: l10n.t('Publish task {0} of "{1}"', task.id || l10n.t('(no id)'), accountName),
    fileName: l10n.t('Publish task {0}', task.id || task.state || l10n.t('details')),
    sections: [asReceived('task', l10n.t('{0}: one task', 'GET /accounts/{id}/publish/tasks'), task.raw)],
  };
}

/** An answer whose shape this extension does not recognise, as received. */
export function unreadableDetails(title: string, body: unknown): AdminDetails {
  return { title, fileName: title, sections: [asReceived('response', l10n.t('The answer as received'), body)] };
}

/** Reads one section; a failure becomes that section's note (cancellation still stops). */
async function section(key: string, label: string, isDocumented: boolean, read: () => Promise<unknown>): Promise<DetailsSection> {
  try {
    return { key, label, documented: isDocumented, value: await read() };
  } catch (e) {
    if (isCancellation(e)) throw e;
    return { key, label, documented: isDocumented, error: userMessage(e) };
  }
}

/** The account as Frame returns it now, with its zones, upgrade groups and user-volume settings. */
export async function readAccountDetails(admin: FrameAdminClient, account: AdminAccount, signal?: AbortSignal): Promise<AdminDetails> {
  const id = account.id;
  const path = `GET /accounts/${id}`;
  const sections = await Promise.all([
    section('account', l10n.t('{0}: the account', path), true, async () => (await admin.getAccount(id, signal)).raw),
    section('availability_zones', l10n.t('{0}: availability zones', `${path}/availability_zones`), false, () =>
      admin.getAccountSection(id, 'availabilityZones', signal),
    ),
    section('upgrade_groups', l10n.t('{0}: upgrade groups', `${path}/deployment_groups`), false, () =>
      admin.getAccountSection(id, 'upgradeGroups', signal),
    ),
    section('user_volumes_settings', l10n.t('{0}: user-volume settings', `${path}/user_volumes_settings`), false, () =>
      admin.getAccountSection(id, 'userVolumes', signal),
    ),
  ]);
  const name = account.name || id;
  return titled(l10n.t('Account "{0}"', name), l10n.t('Account {0}', name), sections);
}
