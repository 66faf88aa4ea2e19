import { z } from "zod";
import { principalGovernanceFields } from "./governance";

/**
 * What a principal may do in one layer.
 * - read: browse and SELECT (landing: READ_FILES)
 * - write: read + MODIFY, CREATE_TABLE (landing: READ_FILES + WRITE_FILES)
 * - manage: write + volumes and materialized views on the layer's schema, never MANAGE: masks and grants stay with the
 *   tables' owner (landing and the layer locations: ALL_PRIVILEGES on the external location)
 */
export const accessLevel = z.enum(["read", "write", "manage"]);
export type AccessLevel = z.output<typeof accessLevel>;

export const principalSchema = z.strictObject({
  /** Account-level group or service principal display name, as Unity Catalog grants use it. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,127}$/, "expected a group or principal name"),
  type: z.enum(["group", "servicePrincipal"]),
  /** Service principals: the application id Unity Catalog grants and run_as use. */
  applicationId: z.string().min(1).optional(),
  /** Per-layer access; a layer left out grants nothing. */
  layers: z
    .strictObject({
      landing: accessLevel.optional(),
      bronze: accessLevel.optional(),
      silver: accessLevel.optional(),
      gold: accessLevel.optional(),
    })
    .default({}),
  ...principalGovernanceFields,
});
export type PrincipalSpec = z.output<typeof principalSchema>;

export const accessSchema = z.strictObject({
  principals: z.array(principalSchema).min(1),
  /** The service principal (by name) the pipeline job runs as. */
  jobRunAs: z.string().min(1),
});
export type AccessSpec = z.output<typeof accessSchema>;
