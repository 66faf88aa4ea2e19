/** Python literals for the emitters: one place that quotes and escapes. */

/** A Python string literal. JSON's escapes (\" \\ \n \uXXXX) are valid Python escapes. */
export const pyStr = (s: string): string => JSON.stringify(s);

/** Data a configuration cell holds: what JSON holds, written as a Python literal. */
export type PyValue = string | number | boolean | null | ReadonlyArray<PyValue> | { readonly [key: string]: PyValue | undefined };

const WIDTH = 100;
const UNIT = "    ";

const isList = (v: PyValue): v is ReadonlyArray<PyValue> => Array.isArray(v);

function inline(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return pyStr(v);
  if (isList(v)) return `[${v.map(inline).join(", ")}]`;
  return `{${entries(v)
    .map(([k, x]) => `${pyStr(k)}: ${inline(x)}`)
    .join(", ")}}`;
}

/** An object's entries without the undefined ones (optional fields the spec left out). */
const entries = (v: { readonly [key: string]: PyValue | undefined }): Array<[string, PyValue]> =>
  Object.entries(v).filter((e): e is [string, PyValue] => e[1] !== undefined);

/**
 * A Python literal, on one line when it fits in 100 columns at `depth`, else one item per line with
 * a trailing comma: the configuration cells diff as data, one field per line.
 */
export function pyValue(v: PyValue, depth = 0, prefix = ""): string {
  const flat = inline(v);
  if (v === null || typeof v !== "object" || UNIT.length * depth + prefix.length + flat.length <= WIDTH) return flat;
  const pad = UNIT.repeat(depth + 1);
  const items = isList(v)
    ? v.map((x) => `${pad}${pyValue(x, depth + 1)},`)
    : entries(v).map(([k, x]) => `${pad}${pyStr(k)}: ${pyValue(x, depth + 1, `${pyStr(k)}: `)},`);
  const [open, close] = isList(v) ? ["[", "]"] : ["{", "}"];
  return items.length === 0 ? `${open}${close}` : `${open}\n${items.join("\n")}\n${UNIT.repeat(depth)}${close}`;
}
