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

/** Admin API entities (customers → organizations → accounts). */
export interface AdminEntity {
  id: string;
  name: string;
}

export interface AdminOrganization extends AdminEntity {
  customerId: string;
}

export interface AdminAccount extends AdminEntity {
  organizationId: string;
  customerId: string;
  /** The Web API account id, when the Admin API gives one. */
  accountId: string;
}

export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  /** True when the page was full, so another may follow. */
  hasMore: boolean;
}
