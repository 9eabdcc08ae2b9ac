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
import { isCancellation, userMessage } from '../errors';

/** Everything Show Details needs to open one document. */
export interface AdminDetails {
  title: string;
  fileName: string;
  sections: DetailsSection[];
}

const documented = (key: string, label: string, value: unknown): DetailsSection => ({ key, label, documented: true, value });
const asReceived = (key: string, label: string, value: unknown): DetailsSection => ({ key, label, documented: false, value });

/** One document titled `What "name"`, saved as `What name`. */
function titled(what: string, name: string, sections: DetailsSection[]): AdminDetails {
  return { title: `${what} "${name}"`, fileName: `${what} ${name}`, sections };
}

export function customerDetails(c: AdminCustomer): AdminDetails {
  return titled('Customer', c.name || c.id, [documented('customer', 'GET /customers/: the customer', c.raw)]);
}

export function organizationDetails(o: AdminOrganization): AdminDetails {
  return titled('Organization', o.name || o.id, [documented('organization', 'GET /organizations: the organization', o.raw)]);
}

export function cloudProviderDetails(p: CloudProvider): AdminDetails {
  return titled('Cloud provider', p.displayName, [documented('cloud_provider', 'GET /cloud_providers: one provider', p.raw)]);
}

export function datacenterDetails(d: Datacenter): AdminDetails {
  return titled('Datacenter', d.label, [asReceived('datacenter', 'GET /datacenters: one datacenter', d.raw)]);
}

export function publishTaskDetails(task: PublishTaskInfo, accountName: string): AdminDetails {
  return {
    title: `Publish task ${task.id || '(no id)'} of "${accountName}"`,
    fileName: `Publish task ${task.id || task.state || 'details'}`,
    sections: [asReceived('task', 'GET /accounts/{id}/publish/tasks: one task', task.raw)],
  };
}

/** An answer whose shape this extension does not recognise, as received. */
export function unreadableDetails(title: string, body: unknown): AdminDetails {
  return { title, fileName: title, sections: [asReceived('response', 'The answer as received', body)] };
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
    section('account', `${path}: the account`, true, async () => (await admin.getAccount(id, signal)).raw),
    section('availability_zones', `${path}/availability_zones: availability zones`, false, () =>
      admin.getAccountSection(id, 'availabilityZones', signal),
    ),
    section('upgrade_groups', `${path}/deployment_groups: upgrade groups`, false, () =>
      admin.getAccountSection(id, 'upgradeGroups', signal),
    ),
    section('user_volumes_settings', `${path}/user_volumes_settings: user-volume settings`, false, () =>
      admin.getAccountSection(id, 'userVolumes', signal),
    ),
  ]);
  return titled('Account', account.name || id, sections);
}
