/**
 * Finds the schema a zod issue is about, by walking the platform schema along the path
 * with the input beside it (the input picks a discriminated union's member). Messages use it to
 * list the fields an object accepts and the shapes a union takes.
 */
import type { z } from "zod";

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: ReadonlyArray<z.ZodType>;
  readonly discriminator?: string;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The schema with optional, default and pipe wrappers removed. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  return inner ? unwrap(inner) : schema;
}

function member(schema: z.ZodType, input: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  if (!def.options || !def.discriminator || input === null || typeof input !== "object") return undefined;
  const value = (input as Record<string, unknown>)[def.discriminator];
  return def.options.find((o) => {
    const field = objectShape(o)?.[def.discriminator as string];
    return field !== undefined && unwrap(field).safeParse(value).success;
  });
}

/** The fields of an object schema, or undefined when it is not one. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(unwrap(schema));
  return def.type === "object" ? def.shape : undefined;
}

/** The schema at `path` under `schema`, following `input`; undefined when the path leaves the schema. */
export function schemaAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, input: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = input;
  for (const key of path) {
    if (!current) return undefined;
    const picked = member(current, value);
    if (picked) current = unwrap(picked);
    const def: Def = defOf(current);
    current = def.type === "array" ? def.element : def.type === "object" ? def.shape?.[String(key)] : undefined;
    current = current && unwrap(current);
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const last = current && member(current, value);
  return last ? unwrap(last) : current;
}

const isOptional = (s: z.ZodType) => ["optional", "default", "prefault"].includes(defOf(s).type);

/** An object schema as "{ a, b?, c: { d } }" (nested one level), for union messages. */
export function describeShape(schema: z.ZodType, depth = 1): string {
  const shape = objectShape(schema);
  if (!shape) return defOf(unwrap(schema)).type;
  const fields = Object.entries(shape).map(([k, s]) => {
    const nested = depth > 0 && objectShape(s) ? `: ${describeShape(s, depth - 1)}` : "";
    return `${k}${isOptional(s) ? "?" : ""}${nested}`;
  });
  return `{ ${fields.join(", ")} }`;
}

/** The members of a (non-discriminated) union schema. */
export const unionOptions = (schema: z.ZodType): ReadonlyArray<z.ZodType> => defOf(unwrap(schema)).options ?? [];
