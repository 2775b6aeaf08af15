/**
 * Parses RFC 4180 text into rows of strings (quoted fields may hold commas,
 * quotes and line breaks). Throws on an unterminated quote. The tests' own reader, written apart
 * from csv-stringify so it checks the writer rather than agreeing with it by construction.
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
