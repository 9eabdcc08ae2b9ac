/**
 * Session details: all 25 fields of one row of the sessions table, read again from its CSV at the
 * byte offset the reader kept for it (the table holds only the few columns it shows; keeping 25
 * columns of strings for a year of sessions would not fit). One small read per click.
 */
import * as l10n from '@vscode/l10n';
import { open } from 'node:fs/promises';
import { FrameError } from '../errors';
import { SESSION_COLUMNS, type SessionColumn, type SessionRecord } from './columns';
import { CsvScanner, fieldText } from './csvTokenizer';
import { sessionRecordMapper } from './sessionParser';

/** Where a part of the table was read from. */
export type DetailsSource = { file: string } | { bytes: Uint8Array };

export interface SessionDetails {
  /** The documented columns in their order, with the text the CSV has ('' when the report lacks the column). */
  fields: { column: SessionColumn; value: string }[];
  /** The same session, typed as the parser types it. */
  record: SessionRecord;
  /** Columns the report has beyond the documented ones. */
  extra: { column: string; value: string }[];
}

const FIRST_READ = 64 * 1024;
const MAX_RECORD = 1 << 20;

/** The fields of the record that starts at `offset`, or undefined when there is none. */
export async function readRecordAt(source: DetailsSource, offset: number): Promise<string[] | undefined> {
  let found: string[] | undefined;
  const scanner = new CsvScanner(
    (r) => {
      if (found) return;
      found = [];
      for (let k = 0; k < r.count; k++) found.push(fieldText(r, k));
    },
    { maxRecordBytes: MAX_RECORD },
  );
  if ('bytes' in source) {
    scanner.write(source.bytes.subarray(offset, Math.min(source.bytes.length, offset + MAX_RECORD + 1)));
    scanner.end();
    return found;
  }
  const handle = await open(source.file, 'r');
  try {
    let at = offset;
    let size = FIRST_READ;
    while (!found && at - offset <= MAX_RECORD) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, at);
      if (bytesRead === 0) break;
      scanner.write(buf.subarray(0, bytesRead));
      at += bytesRead;
      size *= 2;
    }
    if (!found) scanner.end();
    return found;
  } finally {
    await handle.close();
  }
}

/** Reads the details of the record at `offset` under the source's header. */
export async function readSessionDetails(source: DetailsSource, offset: number, header?: readonly string[]): Promise<SessionDetails> {
  const head = header ?? (await readRecordAt(source, 0));
  const fields = Number.isFinite(offset) && offset > 0 ? await readRecordAt(source, offset) : undefined;
  if (!head || !fields) throw changed();
  const mapper = sessionRecordMapper(head);
  const position = new Map(head.map((h, i) => [h, i] as const));
  const documented = SESSION_COLUMNS.map((column) => {
    const i = head.findIndex(
      (h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/[\s_-]+/g, ' ') === column.replace(/_/g, ' '),
    );
    return { column, value: i >= 0 ? (fields[i] ?? '') : '' };
  });
  return {
    fields: documented,
    record: mapper.toRecord(fields),
    extra: mapper.extraColumns.map((column) => ({ column, value: fields[position.get(column) ?? -1] ?? '' })),
  };
}

function changed(): FrameError {
  return new FrameError(
    'bad-report',
    l10n.t('This session is no longer where it was in its report (the report changed since it was loaded). Load the sessions again.'),
  );
}

/** Checks that the details read back are the row's own (the CSV may have been replaced since). */
export function checkSameSession(details: SessionDetails, start: number | null, user: string): void {
  if (details.record.startTime !== start || details.record.username !== user) throw changed();
}
