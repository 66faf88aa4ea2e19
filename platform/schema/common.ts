import { z } from "zod";

/**
 * Unity Catalog identifiers we create (catalogs, schemas, tables, columns): lower-case so that
 * Terraform, SQL and the generated Python all spell a name the same way without quoting.
 */
export const UC_IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

export const ucIdentifier = z
  .string()
  .regex(UC_IDENTIFIER, "expected a Unity Catalog identifier: lower-case letter first, then a-z, 0-9 or _, at most 63 characters");

/** The medallion layers, in data-flow order. `landing` holds raw files; the other three hold Delta tables. */
export const LAYERS = ["landing", "bronze", "silver", "gold"] as const;
export type Layer = (typeof LAYERS)[number];
export const TABLE_LAYERS = ["bronze", "silver", "gold"] as const;
export type TableLayer = (typeof TABLE_LAYERS)[number];

export const CLOUDS = ["aws", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const positiveInt = z.number().int().min(1);
