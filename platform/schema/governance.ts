import { z } from "zod";
import { ucIdentifier } from "./common";

/**
 * How a PII column reads for a principal without the PII permission (access.principals[].pii).
 * - redact: the constant "[REDACTED]" (string columns)
 * - hash: hex SHA-256 of the value, so joins and counts of distinct values still work (string columns)
 * - email_domain: "***@" and the part after the "@" (string columns)
 * - last4: "***" and the last four characters (string columns)
 * - null: NULL (any type)
 */
export const MASKS = ["redact", "hash", "email_domain", "last4", "null"] as const;
export type MaskKind = (typeof MASKS)[number];
/** The masks that only make sense on (and return) strings. */
export const STRING_MASKS: ReadonlySet<MaskKind> = new Set(["redact", "hash", "email_domain", "last4"]);

/** Column fields of the PII model, spread into the column schema. */
export const piiColumnFields = {
  /**
   * How the column is masked for readers without the PII permission; PII columns only.
   * @default "redact" for a string column, "null" for any other type
   */
  mask: z.enum(MASKS).optional(),
  /**
   * The PII class, the value of the column's `pii_class` tag in Unity Catalog (e.g. email, name).
   * @default "personal"
   */
  piiClass: ucIdentifier.optional(),
} as const;

/** Principal fields of the access model, spread into the principal schema. */
export const principalGovernanceFields = {
  /**
   * Sees PII columns in clear. Everyone else reads them masked, wherever the column reaches
   * (bronze, silver, quarantine, gold). The job's run-as principal always sees clear values:
   * the pipeline must read what it writes.
   * @default false
   */
  pii: z.boolean().optional(),
} as const;

/** Which values of the filter column some principals see. */
export const rowFilterGrantSchema = z.strictObject({
  /** Principal names from access.principals. */
  principals: z.array(z.string().min(1)).min(1),
  /** The values of the filter column these principals see. */
  values: z.array(z.union([z.string(), z.number()])).min(1),
});

/**
 * A Unity Catalog row filter on the dataset's silver table and on every gold table that groups by
 * the column. Principals in `allRows` (and the job's run-as principal) see every row; a principal in
 * a grant sees the rows whose column value is in the grant's values; anyone else sees no rows.
 */
export const rowFilterSchema = z.strictObject({
  /** The filter column: a column of the dataset. */
  column: ucIdentifier,
  /** Principals that see every row. @default none beyond the job's run-as principal */
  allRows: z.array(z.string().min(1)).default([]),
  grants: z.array(rowFilterGrantSchema).min(1),
});
export type RowFilterSpec = z.output<typeof rowFilterSchema>;

/** Dataset fields of the governance model, spread into the dataset schema. */
export const datasetGovernanceFields = {
  /** Row-level access on the dataset. @default every reader sees every row */
  rowFilter: rowFilterSchema.optional(),
} as const;
