/**
 * The spec's access model (principal x layer x level) translated into Unity Catalog privileges and
 * workspace permission levels. Pure functions: the grant and permission constructs only render them.
 */
import type { AccessLevel, AccessSpec, Layer, PrincipalSpec, TableLayer } from "../platform";
import { LAYERS, TABLE_LAYERS } from "../platform";

const RANK: Record<AccessLevel, number> = { read: 1, write: 2, manage: 3 };

/**
 * What the pipeline itself must be able to do, whatever the spec grants its run-as principal:
 * read landing files, write every table layer (tables, checkpoints, OPTIMIZE/VACUUM).
 */
const PIPELINE_NEEDS: Readonly<Record<Layer, AccessLevel>> = { landing: "read", bronze: "write", silver: "write", gold: "write" };

/**
 * Schema privileges per level. `read` includes EXECUTE so readers can call the masking functions; `write` may create them (the governance task).
 * `manage` adds the data-plane privileges a layer's administrators use (volumes, materialized views) but never MANAGE or
 * ALL_PRIVILEGES: altering a table's masks, row filters and grants takes ownership or MANAGE
 * (https://docs.databricks.com/aws/en/data-governance/unity-catalog/manage-privileges/privileges), and only the tables'
 * owner (the run-as principal) and the schema's owner (the deployer) may do that (access/check.ts).
 */
export const SCHEMA_PRIVILEGES: Readonly<Record<AccessLevel, readonly string[]>> = {
  read: ["EXECUTE", "SELECT", "USE_SCHEMA"],
  write: ["CREATE_FUNCTION", "CREATE_TABLE", "EXECUTE", "MODIFY", "SELECT", "USE_SCHEMA"],
  manage: ["CREATE_FUNCTION", "CREATE_MATERIALIZED_VIEW", "CREATE_TABLE", "CREATE_VOLUME", "EXECUTE", "MODIFY", "READ_VOLUME", "REFRESH", "SELECT", "USE_SCHEMA", "WRITE_VOLUME"],
};

/**
 * External-location privileges per level. Landing is files, so reading it is READ_FILES. On a table
 * layer's location, readers get nothing (they read tables, where grants and masks apply); writers get
 * file access for streaming checkpoints and schema locations. No CREATE_EXTERNAL_TABLE: every table
 * is managed, under its schema's storage root.
 */
export const LOCATION_PRIVILEGES: Readonly<Record<Layer, Readonly<Record<AccessLevel, readonly string[]>>>> = {
  landing: { read: ["READ_FILES"], write: ["READ_FILES", "WRITE_FILES"], manage: ["ALL_PRIVILEGES"] },
  bronze: { read: [], write: ["READ_FILES", "WRITE_FILES"], manage: ["ALL_PRIVILEGES"] },
  silver: { read: [], write: ["READ_FILES", "WRITE_FILES"], manage: ["ALL_PRIVILEGES"] },
  gold: { read: [], write: ["READ_FILES", "WRITE_FILES"], manage: ["ALL_PRIVILEGES"] },
};

/** One principal as Unity Catalog and the permissions API name it. */
export interface ResolvedPrincipal {
  /** The spec's name: construct ids come from it. */
  readonly name: string;
  /** Groups by display name, service principals by application id. */
  readonly id: string;
  readonly type: PrincipalSpec["type"];
  readonly layers: Readonly<Partial<Record<Layer, AccessLevel>>>;
}

/** A principal and its privileges on one securable, as a `grant` block takes them. */
export interface Grant {
  readonly principal: string;
  readonly privileges: string[];
}

const higher = (a: AccessLevel | undefined, b: AccessLevel | undefined) => (a && (!b || RANK[a] >= RANK[b]) ? a : b);

/**
 * The spec's principals with the job's run-as principal raised to what the pipeline needs, sorted by
 * id so every grant and permission list comes out in the same order on every synth.
 */
export function resolvePrincipals(access: AccessSpec): ResolvedPrincipal[] {
  return access.principals
    .map((p) => {
      const layers = p.name === access.jobRunAs ? raise(p.layers, PIPELINE_NEEDS) : p.layers;
      return { name: p.name, id: principalId(p), type: p.type, layers };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The application id of the principal the job runs as. */
export function runAsApplicationId(access: AccessSpec): string {
  const runAs = access.principals.find((p) => p.name === access.jobRunAs);
  if (!runAs?.applicationId) throw new Error(`access.jobRunAs "${access.jobRunAs}" is not a service principal with an applicationId`);
  return runAs.applicationId;
}

/** USE_CATALOG for everyone with access to any table layer: without it no schema grant is usable. */
export function catalogGrants(principals: readonly ResolvedPrincipal[]): Grant[] {
  return principals
    .filter((p) => TABLE_LAYERS.some((layer) => p.layers[layer]))
    .map((p) => ({ principal: p.id, privileges: ["USE_CATALOG"] }));
}

export function schemaGrants(principals: readonly ResolvedPrincipal[], layer: TableLayer): Grant[] {
  return grantsBy(principals, layer, (level) => SCHEMA_PRIVILEGES[level]);
}

export function locationGrants(principals: readonly ResolvedPrincipal[], layer: Layer): Grant[] {
  return grantsBy(principals, layer, (level) => LOCATION_PRIVILEGES[layer][level]);
}

/**
 * Who reads the folder holding the code that runs as the run-as principal (notebooks, runtime, suites, dbt project): that
 * principal and the spec's engineers (write or manage on a layer). Nobody gets edit or manage: whoever edits that code
 * runs it as the run-as principal. The deployer owns the folder and keeps CAN_MANAGE as its creator; workspace admins
 * have CAN_MANAGE on every folder (https://docs.databricks.com/aws/en/security/auth/access-control).
 */
export function codeReaders(principals: readonly ResolvedPrincipal[]): ResolvedPrincipal[] {
  return computeUsers(principals);
}

/** Principals who build or run the pipeline: they may create clusters under the environment's policy. */
export function computeUsers(principals: readonly ResolvedPrincipal[]): ResolvedPrincipal[] {
  return principals.filter((p) => LAYERS.some((layer) => p.layers[layer] === "write" || p.layers[layer] === "manage"));
}

/**
 * Job permission from layer access: manage on every layer administers the job, write or manage on
 * any layer runs it, read-only access views it; no access, no entry.
 */
export function jobPermissionLevel(p: ResolvedPrincipal): "CAN_MANAGE" | "CAN_MANAGE_RUN" | "CAN_VIEW" | undefined {
  const levels = LAYERS.map((layer) => p.layers[layer]);
  if (levels.every((level) => level === "manage")) return "CAN_MANAGE";
  if (levels.some((level) => level === "write" || level === "manage")) return "CAN_MANAGE_RUN";
  return levels.some((level) => level === "read") ? "CAN_VIEW" : undefined;
}

/** One `access_control` block of `databricks_permissions`. */
export function accessControl(p: ResolvedPrincipal, permissionLevel: string): { groupName?: string; servicePrincipalName?: string; permissionLevel: string } {
  return p.type === "group" ? { groupName: p.id, permissionLevel } : { servicePrincipalName: p.id, permissionLevel };
}

function principalId(p: PrincipalSpec): string {
  return p.type === "servicePrincipal" && p.applicationId ? p.applicationId : p.name;
}

function raise(layers: PrincipalSpec["layers"], floor: Readonly<Record<Layer, AccessLevel>>): Partial<Record<Layer, AccessLevel>> {
  return Object.fromEntries(LAYERS.map((layer) => [layer, higher(layers[layer], floor[layer])]));
}

function grantsBy(principals: readonly ResolvedPrincipal[], layer: Layer, privileges: (level: AccessLevel) => readonly string[]): Grant[] {
  return principals.flatMap((p) => {
    const level = p.layers[layer];
    const granted = level ? privileges(level) : [];
    return granted.length > 0 ? [{ principal: p.id, privileges: [...granted] }] : [];
  });
}

/** Privileges on the ml schema and on each registered model, from a principal's gold access. */
const ML_PRIVILEGES: Readonly<Record<AccessLevel, { readonly schema: readonly string[]; readonly model: readonly string[] }>> = {
  read: { schema: ["USE_SCHEMA"], model: ["EXECUTE"] },
  write: { schema: ["USE_SCHEMA"], model: ["EXECUTE"] },
  manage: { schema: ["ALL_PRIVILEGES"], model: ["ALL_PRIVILEGES"] },
};

/**
 * Models follow gold, the layer they learn from: gold readers and writers may load them (EXECUTE),
 * gold managers manage them. New versions are registered by the job's run-as principal as the
 * models' owner, which Unity Catalog requires of whoever creates a version.
 */
export function mlSchemaGrants(principals: readonly ResolvedPrincipal[]): Grant[] {
  return grantsBy(principals, "gold", (level) => ML_PRIVILEGES[level].schema);
}

export function modelGrants(principals: readonly ResolvedPrincipal[]): Grant[] {
  return grantsBy(principals, "gold", (level) => ML_PRIVILEGES[level].model);
}

/** MLflow experiment permission from gold access: managers manage it, writers (the job) log runs, readers view them. */
export function experimentPermissionLevel(p: ResolvedPrincipal): "CAN_MANAGE" | "CAN_EDIT" | "CAN_READ" | undefined {
  const level = p.layers.gold;
  return level === "manage" ? "CAN_MANAGE" : level === "write" ? "CAN_EDIT" : level === "read" ? "CAN_READ" : undefined;
}

/**
 * The data quality volume (Great Expectations' stored results and Data Docs): the run-as principal's validation task
 * reads and writes its files; everyone with access to silver reads them (the Data Docs pages describe silver's
 * batches). Nothing else: creating or managing volumes stays with the schema's owner.
 * Volume privileges: https://docs.databricks.com/aws/en/volumes/privileges
 */
export function dataQualityVolumeGrants(principals: readonly ResolvedPrincipal[], runAs: string): Grant[] {
  return principals.flatMap((p) =>
    p.id === runAs ? [{ principal: p.id, privileges: ["READ_VOLUME", "WRITE_VOLUME"] }] : p.layers.silver ? [{ principal: p.id, privileges: ["READ_VOLUME"] }] : [],
  );
}
