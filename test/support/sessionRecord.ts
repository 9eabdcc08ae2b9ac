// One parsed session row for tests that build a SessionTable by hand: every field empty (or null),
// then the fields the test is about.
import type { SessionRecord } from '../../src/core/reports/columns';

export function sessionRecord(fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    username: '',
    application: '',
    geoDistance: null,
    city: '',
    startTime: null,
    durationSeconds: null,
    state: '',
    avgBandwidth: null,
    avgLatency: null,
    avgVideoBitrate: null,
    avgFramerate: null,
    resolution: '',
    userAgent: '',
    remoteIp: '',
    systemType: '',
    sessionType: '',
    additionalApps: '',
    userData: '',
    accountEmail: '',
    accountName: '',
    accountId: '',
    region: '',
    country: '',
    sessionId: '',
    storageUsed: null,
    ...fields,
  };
}
