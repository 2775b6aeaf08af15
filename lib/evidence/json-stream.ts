/** Streaming JSON: arrays of any length written in ~64 KiB chunks, never built whole. */

const CHUNK = 64 * 1024;

/** JSON.stringify that writes BigInt as a number (DeviceRow.lastSeenTs) instead of throwing. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v), indent);
}

/** `[item,item,…]` with one item per line, yielded in chunks. */
export async function* jsonArray<T>(items: AsyncIterable<T> | Iterable<T>, map: (item: T) => unknown = (x) => x): AsyncGenerator<string> {
  let buf = "[";
  let first = true;
  for await (const item of items) {
    buf += (first ? "\n" : ",\n") + toJson(map(item));
    first = false;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  yield buf + (first ? "]\n" : "\n]\n");
}

/** `prefix` + array + `suffix`: an array inside a larger document (SARIF's results). */
export async function* wrapped(prefix: string, body: AsyncIterable<string>, suffix: string): AsyncGenerator<string> {
  yield prefix;
  yield* body;
  yield suffix;
}

/** Lines (e.g. CSV records) batched into chunks. */
export async function* batched(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buf = "";
  for await (const line of lines) {
    buf += line;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}
