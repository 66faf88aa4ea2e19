/** Spark type families of the spec's column types, for the rules that match types to roles. */
export type TypeFamily = "string" | "boolean" | "integral" | "fractional" | "date";

export function typeFamily(type: string): TypeFamily {
  if (type === "int" || type === "bigint") return "integral";
  if (type === "double" || type === "float" || type.startsWith("decimal(")) return "fractional";
  if (type === "date" || type === "timestamp") return "date";
  return type as "string" | "boolean";
}

export const isNumeric = (type: string) => ["integral", "fractional"].includes(typeFamily(type));
/** Types that order meaningfully for "latest wins": dates, timestamps and numbers. */
export const isOrderable = (type: string) => isNumeric(type) || typeFamily(type) === "date";
/** Whether Spark compares the two types without an implicit cast that ANSI mode rejects (or a lossy one). */
export const comparable = (a: string, b: string) => isNumeric(a) === isNumeric(b) && (isNumeric(a) || typeFamily(a) === typeFamily(b));
