import * as assert from 'node:assert/strict';
import type { SessionRecord } from '../../../src/core/reports/columns';
import { SessionTableBuilder, type SessionTable } from '../../../src/core/reports/sessionTable';
import { offHoursUsage, parseClockTime, seatHygiene, type AccountMembers, type SeatRow } from '../../../src/core/insights';
import { sessionRecord } from '../../support/sessionRecord';

const DAY = 86_400_000;

function record(p: Partial<SessionRecord>): SessionRecord {
  return sessionRecord({
    application: 'Desktop',
    durationSeconds: 3600,
    state: 'closed',
    sessionType: 'production',
    accountId: 'ACC-1',
    ...p,
  });
}

function tableOf(records: Partial<SessionRecord>[]): SessionTable {
  const b = new SessionTableBuilder();
  for (const r of records) b.add(record(r));
  return b.build();
}

/** A start `days` days before 2026-03-31 (the as-of day), at 23:59 (the day, not 24 h, counts). */
const daysBefore = (days: number) => Date.parse('2026-03-31T23:59:00Z') - days * DAY;

/**
 * The oracle: every member's seat from the definitions, by plain loops over the rows (no column
 * guessing: the test says which column holds the e-mails).
 */
function naiveSeats(rows: Partial<SessionRecord>[], members: AccountMembers, column: 'username' | 'accountEmail', asOf: string) {
  const asOfDay = Date.parse(asOf + 'T00:00:00Z') / DAY;
  return members.members.map((m) => {
    const mine = rows.filter(
      (r) => (r.accountId ?? 'ACC-1') === members.accountId && (r[column] ?? '').trim().toLowerCase() === m.email.trim().toLowerCase(),
    );
    const last = mine.length ? Math.max(...mine.map((r) => r.startTime ?? -Infinity)) : null;
    const since = last === null ? null : asOfDay - Math.floor(last / DAY);
    const seat =
      m.status === 'pending'
        ? 'pending'
        : since === null
          ? 'never'
          : since >= 90
            ? 'dormant90'
            : since >= 60
              ? 'dormant60'
              : since >= 30
                ? 'dormant30'
                : 'active';
    return { email: m.email, seat, sessions: mine.length, daysSince: since };
  });
}

const pick = (r: SeatRow) => ({ email: r.email, seat: r.seat, sessions: r.sessions, daysSince: r.daysSince });
const byEmail = <T extends { email: string }>(a: T[]) => [...a].sort((x, y) => x.email.localeCompare(y.email));

describe('seat hygiene (src/core/insights/people.ts)', () => {
  const members: AccountMembers = {
    accountId: 'ACC-1',
    accountName: 'Acme',
    members: [
      { name: 'Ana', email: 'Ana.Garcia@acme.example', status: 'active' }, // capitals; reports write lower case
      { name: 'Bo', email: 'bo@acme.example', status: 'active' }, // last session 29 days ago: active
      { name: 'Cy', email: 'cy@acme.example', status: 'active' }, // exactly 30: dormant 30
      { name: 'Di', email: 'di@acme.example', status: 'active' }, // 59: dormant 30
      { name: 'Ed', email: 'ed@acme.example', status: 'active' }, // 60: dormant 60
      { name: 'Fe', email: 'fe@acme.example', status: 'active' }, // 89: dormant 60
      { name: 'Gu', email: 'gu@acme.example', status: 'active' }, // 90: dormant 90
      { name: 'Ha', email: 'ha@acme.example', status: 'active' }, // never seen
      { name: 'Io', email: 'io@acme.example', status: 'pending' }, // invited, never accepted
    ],
  };
  const rows: Partial<SessionRecord>[] = [
    { username: 'ana.garcia@acme.example', startTime: daysBefore(0), durationSeconds: 7200 },
    { username: 'ana.garcia@acme.example', startTime: daysBefore(3) },
    { username: 'bo@acme.example', startTime: daysBefore(29) },
    { username: 'bo@acme.example', startTime: daysBefore(200) },
    { username: 'cy@acme.example', startTime: daysBefore(30) },
    { username: 'di@acme.example', startTime: daysBefore(59) },
    { username: 'ed@acme.example', startTime: daysBefore(60) },
    { username: 'fe@acme.example', startTime: daysBefore(89) },
    { username: 'gu@acme.example', startTime: daysBefore(90) },
    { username: 'contractor@partners.example', startTime: daysBefore(1) }, // matches no member
    { username: 'contractor@partners.example', startTime: daysBefore(2) },
    { username: 'ha@acme.example', accountId: 'ACC-2', startTime: daysBefore(1) }, // another account's row
  ];

  it('never used, dormant 30/60/90 at their boundary days, pending, heaviest first: as the oracle says', () => {
    const seats = seatHygiene(tableOf(rows), [members], '2026-03-31');
    assert.deepEqual(byEmail(seats.rows.map(pick)), byEmail(naiveSeats(rows, members, 'username', '2026-03-31')));
    const seat = Object.fromEntries(seats.rows.map((r) => [r.email, r.seat]));
    assert.deepEqual(seat, {
      'Ana.Garcia@acme.example': 'active',
      'bo@acme.example': 'active',
      'cy@acme.example': 'dormant30',
      'di@acme.example': 'dormant30',
      'ed@acme.example': 'dormant60',
      'fe@acme.example': 'dormant60',
      'gu@acme.example': 'dormant90',
      'ha@acme.example': 'never',
      'io@acme.example': 'pending',
    });
    assert.deepEqual(seats.counts, { pending: 1, never: 1, dormant90: 1, dormant60: 2, dormant30: 2, active: 2, notLoaded: 0 });
    assert.equal(seats.rows[0]!.email, 'Ana.Garcia@acme.example', 'heaviest user first');
    assert.equal(seats.rows[0]!.hours, 3);
    assert.deepEqual(
      seats.unmatched.map((u) => [u.value, u.sessions]),
      [['contractor@partners.example', 2]],
    );
    assert.deepEqual(seats.matching, [
      {
        accountId: 'ACC-1',
        accountName: 'Acme',
        column: 'username',
        members: 9,
        sessionUsers: 8,
        matchedUsers: 7,
        matchedSessions: 9,
        unmatchedSessions: 2,
      },
    ]);
  });

  it('matches by account_email when that column holds the members’ e-mails (username a directory login)', () => {
    const directory = rows
      .filter((r) => r.accountId === undefined)
      .map((r) => ({ ...r, username: `ACME\\${r.username!.split('@')[0]}`, accountEmail: r.username }));
    const seats = seatHygiene(tableOf(directory), [members], '2026-03-31');
    assert.equal(seats.matching[0]!.column, 'account_email');
    assert.deepEqual(byEmail(seats.rows.map(pick)), byEmail(naiveSeats(directory, members, 'accountEmail', '2026-03-31')));
    assert.equal(seats.unmatched[0]!.username, 'ACME\\contractor');
  });

  it('keeps username when account_email is the account’s one contact address (even a member’s)', () => {
    const contact = rows.filter((r) => r.accountId === undefined).map((r) => ({ ...r, accountEmail: 'bo@acme.example' }));
    const seats = seatHygiene(tableOf(contact), [members], '2026-03-31');
    assert.equal(seats.matching[0]!.column, 'username');
    assert.equal(seats.rows.find((r) => r.email === 'ha@acme.example')!.seat, 'never');
  });

  it('says "no report loaded" for members of an account with no session in the table, across accounts', () => {
    const other: AccountMembers = {
      accountId: 'ACC-9',
      accountName: 'Other',
      members: [{ name: 'Zed', email: 'zed@o.example', status: 'active' }],
    };
    const seats = seatHygiene(tableOf(rows), [members, other], '2026-03-31');
    assert.equal(seats.rows.find((r) => r.email === 'zed@o.example')!.seat, 'notLoaded');
    assert.equal(seats.matching.find((m) => m.accountId === 'ACC-9')!.column, null);
    assert.equal(seats.rows.length, 10);
  });
});

describe('off-hours usage (src/core/insights/offHours.ts)', () => {
  const T = (s: string) => Date.parse(s + 'Z');
  it('counts session hours in quiet hours per account, ranked, on the report clock and in a time zone', () => {
    const table = tableOf([
      { accountId: 'DAY', startTime: T('2026-01-07T09:00:00'), durationSeconds: 8 * 3600 }, // Wednesday, 09-17: none
      { accountId: 'NIGHT', startTime: T('2026-01-07T18:00:00'), durationSeconds: 2 * 3600 }, // 19-20: 1 h
      { accountId: 'NIGHT', startTime: T('2026-01-07T06:00:00'), durationSeconds: 2 * 3600 }, // 06-07: 1 h
      { accountId: 'NIGHT', startTime: T('2026-01-07T22:00:00'), durationSeconds: 10 * 3600 }, // 22-08: 9 h
      { accountId: 'NIGHT', startTime: null, durationSeconds: 3600 }, // no start: left out
      { accountId: 'NIGHT', startTime: T('2026-01-07T23:00:00'), durationSeconds: null }, // occupies nothing
    ]);
    const quiet = {
      startMinute: parseClockTime('19:00', 'start'),
      endMinute: parseClockTime('07:00', 'end'),
      timeZone: '',
      weekends: false,
    };
    const r = offHoursUsage(table, quiet);
    assert.deepEqual(
      r.accounts.map((a) => [a.accountId, a.sessions, a.quietSessions, a.hours, a.quietHours]),
      [
        ['NIGHT', 4, 3, 14, 11],
        ['DAY', 1, 0, 8, 0],
      ],
    );
    // In Chicago (UTC−6 in January) the day session 09:00–17:00 UTC is 03:00–11:00 local: 4 h quiet.
    const chicago = offHoursUsage(table, { ...quiet, timeZone: 'America/Chicago' });
    assert.equal(chicago.accounts.find((a) => a.accountId === 'DAY')!.quietHours, 4);
    // Weekends: a Saturday session is quiet all day.
    const weekend = offHoursUsage(tableOf([{ accountId: 'W', startTime: T('2026-01-10T12:00:00'), durationSeconds: 3600 }]), {
      ...quiet,
      weekends: true,
    });
    assert.equal(weekend.accounts[0]!.quietHours, 1);
    assert.throws(() => offHoursUsage(table, { ...quiet, timeZone: 'Mars/Olympus' }), /not a time zone/);
    assert.throws(() => parseClockTime('7pm', 'start'), /HH:MM/);
  });
});
