/**
 * RFC 4180 CSV, written safely for spreadsheets: every cell that contains a
 * quote, comma or line break is quoted (quotes doubled), and a cell starting
 * with = + - @ (or tab / carriage return) gets a leading ' so Excel, LibreOffice
 * and Sheets never evaluate hostile homeserver text as a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped and defused. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/**
 * Parses RFC 4180 text into rows of strings (quoted fields may hold commas,
 * quotes and line breaks). Throws on an unterminated quote. For tests and tooling.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i++;
    } else if (ch === "\n") endRow();
    else cell += ch;
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (cell !== "" || row.length) endRow();
  return rows;
}
