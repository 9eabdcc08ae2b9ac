/**
 * The Frame API simulator: a real HTTP server on 127.0.0.1 with the Frame Web API, the Admin API,
 * the Registration API, presigned report downloads and fault injection. See README.md.
 */
export { startSimulator } from './server';
export type { SimulatorOptions, Simulator, RecordedRequest } from './server';
export type { Fault, FaultMatch } from './faults';
export {
  DEMO_CREDENTIALS,
  DEMO_REGISTRATION_CREDENTIALS,
  ORGANIZATION_SCOPED_CREDENTIALS,
  ACCOUNT_SCOPED_CREDENTIALS,
} from './credentials';
export type { SimulatorData, WebAccount, TeamMember, Application, UsageRecord, ReportMonth, RegistrationUser } from './data';
export type {
  AdminTenant,
  TenantAccount,
  TenantCustomer,
  TenantOrganization,
  TenantScope,
  PublishTask,
  AuditEntry,
  CloudProvider,
} from './adminData';
export { AUDIT_ENTRIES } from './adminData';
export { CRAFTED_ZIPS, ZIP_BOMB_SIZE, MANY_ENTRIES_COUNT, type CraftedZipName } from './zips';
export { MAX_SKEW_SECONDS } from './auth';
export { DEFAULT_LIMIT, MAX_LIMIT } from './adminApi';
