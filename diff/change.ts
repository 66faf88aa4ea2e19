/** One line of the platform diff, in the platform's own terms. */
export interface Change {
  /** "every environment" for platform-wide changes (datasets, access, gold), else the stack name. */
  readonly scope: string;
  readonly line: string;
  /** Weakens governance or data safety: listed first, under the warning heading. */
  readonly weakens: boolean;
}

export const EVERY_ENVIRONMENT = "every environment";

/** A change of one named item: nothing when the rendered values are equal. */
export function changed(scope: string, what: string, before: unknown, after: unknown, weakens = false): Change[] {
  const [a, b] = [show(before), show(after)];
  return a === b ? [] : [{ scope, line: `${what}: ${a} -> ${b}`, weakens }];
}

/** Values as a reviewer reads them: lists comma-separated, absent as "none". */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Items of two lists matched by key: those only in the base, only in the head, and in both. */
export function byKey<T>(base: readonly T[], head: readonly T[], key: (item: T) => string) {
  const a = new Map(base.map((item) => [key(item), item]));
  const b = new Map(head.map((item) => [key(item), item]));
  return {
    removed: [...a.keys()].filter((k) => !b.has(k)).map((k) => a.get(k) as T),
    added: [...b.keys()].filter((k) => !a.has(k)).map((k) => b.get(k) as T),
    kept: [...a.keys()].filter((k) => b.has(k)).map((k) => [a.get(k) as T, b.get(k) as T] as const),
  };
}
