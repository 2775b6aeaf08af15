/**
 * RFC 4180 CSV by csv-stringify, set up to be safe in a spreadsheet: a cell holding a quote, comma,
 * CR or LF is quoted (quotes doubled), records end in CRLF, and a text cell starting with
 * = + - @, tab or CR (or their full-width forms) gets a leading ' so Excel, LibreOffice and Sheets
 * never evaluate hostile homeserver text as a formula. Numbers are not text: -2 stays -2.
 */
import { stringify, type Options } from "csv-stringify";
import { stringify as stringifyNow } from "csv-stringify/sync";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type CsvCell = string | number | boolean | null | undefined;

const CSV_OPTIONS: Options = {
  record_delimiter: "windows",
  // A lone LF or CR inside an unquoted cell would start a new row in most readers; the library quotes
  // only the record delimiter itself (CRLF here) unless told otherwise.
  quote_record_delimiter: true,
  escape_formulas: true,
  // The library writes true as "1" and false as ""; an auditor reads "true"/"false".
  cast: { boolean: (value) => String(value) },
};

/** One CRLF-terminated record. */
export function csvRow(cells: readonly CsvCell[]): string {
  return stringifyNow([[...cells]], CSV_OPTIONS);
}

/** Records as text chunks, streamed: the rows are never held whole. */
export async function* csvRecords(rows: AsyncIterable<readonly CsvCell[]> | Iterable<readonly CsvCell[]>): AsyncGenerator<string> {
  const out = stringify(CSV_OPTIONS);
  // A failing source destroys `out` with its error, which ends the loop below with it.
  const fed = pipeline(Readable.from(rows, { objectMode: true }), out);
  fed.catch(() => undefined); // awaited below; a consumer that stops early must not leave it unhandled
  try {
    for await (const chunk of out) yield String(chunk);
    await fed;
  } finally {
    out.destroy();
  }
}
