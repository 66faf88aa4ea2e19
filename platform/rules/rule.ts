import type { Platform } from "../schema";
import type { Problem } from "../problem";

/** A cross-field rule: a pure function of the schema-valid spec, returning every problem it finds. */
export type SpecRule = (platform: Platform) => Problem[];

/** Reports each value seen more than once, at the path of its second and later occurrences. */
export function duplicates<T>(
  items: ReadonlyArray<T>,
  key: (item: T) => string,
  path: (index: number) => string,
  what: string,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) problems.push({ path: path(i), value: k, message: `${what} must be unique; "${k}" is used twice` });
    seen.add(k);
  });
  return problems;
}
