/** Typed results of the Frame Web API (v1alpha) and the Admin API. */

export interface Account {
  accountId: string;
  name: string;
  email: string;
}

/** `active` and `pending` are documented; any other status is kept as the API sent it. */
export type MemberStatus = 'active' | 'pending' | (string & {});

export interface TeamMember {
  name: string;
  email: string;
  status: MemberStatus;
}

export interface Application {
  name: string;
  /** Icon URL (http/https only), or null when there is none or it is not a usable URL. */
  iconUrl: string | null;
}

export interface UsageRecord {
  datacenter: string;
  /** As sent: `yyyy-MM-ddTHH:mm:ss`, a Pacific-time (PST/PDT) day per the API documentation. */
  time: string;
  /** `yyyy-MM-dd`, the Pacific-time day of `time`. */
  day: string;
  hoursUsed: number;
  instanceType: string;
  serverType: string;
}

/** One monthly session report: a presigned link to a CSV.zip. */
export interface SessionReportLink {
  url: string;
  year: number;
  /** 1 to 12. */
  month: number;
}

export interface RecentSessionsCsv {
  /** From Content-Disposition, reduced to a safe base name. */
  fileName: string;
  csv: string;
}

export interface UsageRange {
  /** `yyyy-MM-dd` or a Date (converted to its Pacific-time calendar day). */
  from: string | Date;
  to: string | Date;
}

/**
 * Admin API entities (customer → organizations → accounts): the documented fields, read leniently
 * (text fields '' when missing), and `raw`, the object exactly as Frame sent it (Show Details).
 */
export interface AdminEntity {
  id: string;
  name: string;
  raw: Record<string, unknown>;
}

export interface AdminCustomer extends AdminEntity {
  description: string;
  notes: string;
  urlSlug: string;
  website: string;
  ownerEmail: string;
  tenantDomain: string;
  active: boolean | undefined;
}

export interface AdminOrganization extends AdminEntity {
  description: string;
  urlSlug: string;
  website: string;
}

export interface AdminAccount extends AdminEntity {
  description: string;
  website: string;
  /** undefined when Frame did not say. */
  active: boolean | undefined;
  /** As sent (a zone-less ISO timestamp in Frame's example); '' when never published. */
  lastPublish: string;
}

/** `GET /accounts/{id}`: the list fields and the ones only details have. */
export interface AdminAccountDetails extends AdminAccount {
  notes: string;
  urlSlug: string;
  kind: string;
  /** Creation time, as sent. */
  insertedAt: string;
}

/** `GET /cloud_providers` (documented). */
export interface CloudProvider {
  /** `amazon`, `azure`, `google`, `nutanix`. */
  name: string;
  displayName: string;
  externalId: string;
  byoCompatible: boolean | undefined;
  formationUrl: string;
  raw: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  /** False when the list ends here: an empty page, or the total reached (a short page is not the end). */
  hasMore: boolean;
  /** The number of items in the list, when the server gave one. */
  total?: number;
  /** How many items the server sent when it sent more than asked (`items` is cut to `limit`). */
  oversized?: number;
}
