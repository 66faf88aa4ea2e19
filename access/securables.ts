/**
 * What the access model reasons about, as plain data: Unity Catalog securables and workspace objects, the grants and
 * permissions a synthesized stack holds on them, and how Databricks evaluates those (privilege inheritance down the
 * catalog -> schema -> object hierarchy, ownership, workspace folder inheritance). No cdktf: stacks/ reads a
 * synthesized stack into a StackAccess, access/check.ts holds it to the spec.
 */

/** A Unity Catalog securable by its full name: catalog, catalog.schema, catalog.schema.object, or a location's name. */
export interface UcSecurable {
  readonly kind: "catalog" | "schema" | "table" | "function" | "registered_model" | "volume" | "external_location";
  readonly name: string;
}

/** A workspace object: a folder, notebook or file by path; a job, warehouse or experiment by name. */
export interface WorkspaceObject {
  readonly kind: "path" | "job" | "warehouse" | "experiment";
  readonly name: string;
}

const WORKSPACE_KINDS: ReadonlyArray<string> = ["path", "job", "warehouse", "experiment"];
export const isWorkspaceObject = (s: { readonly kind: string }): s is WorkspaceObject => WORKSPACE_KINDS.includes(s.kind);

/** One privilege list of a `databricks_grants` block: who, what, on which securable, in which resource. */
export interface UcGrant {
  readonly securable: UcSecurable;
  readonly principal: string;
  readonly privileges: ReadonlyArray<string>;
  /** The Terraform address that holds it, for the violation message. */
  readonly address: string;
}

/** An `access_control` entry of `databricks_permissions`. */
export interface WorkspacePermission {
  readonly object: WorkspaceObject;
  readonly principal: string;
  readonly level: string;
  readonly address: string;
}

/** A job as synthesized: who it runs as and where its notebook tasks' code lives. */
export interface SynthesizedJob {
  readonly name: string;
  readonly runAs?: string;
  readonly taskKeys: ReadonlyArray<string>;
  readonly notebookPaths: ReadonlyArray<string>;
  /** The folder its file arrival trigger watches. @default none: no such trigger */
  readonly fileArrivalUrl?: string;
  readonly address: string;
}

/** Where a Unity Catalog object's storage is: an external location's URL, or a catalog's or schema's managed storage root. */
export interface StorageUrl {
  readonly securable: { readonly kind: "external_location" | "catalog" | "schema"; readonly name: string };
  readonly url: string;
  readonly address: string;
}

/** Everything access-relevant one synthesized stack holds. */
export interface StackAccess {
  readonly grants: ReadonlyArray<UcGrant>;
  /** Securables the stack creates with an explicit owner (registered models). */
  readonly owners: ReadonlyArray<{ readonly securable: UcSecurable; readonly principal: string; readonly address: string }>;
  readonly permissions: ReadonlyArray<WorkspacePermission>;
  /** Principals assigned to the workspace (groups by display name, service principals by application id). */
  readonly assigned: ReadonlyArray<{ readonly principal: string; readonly address: string }>;
  readonly jobs: ReadonlyArray<SynthesizedJob>;
  /** The stack's external locations and managed storage roots. */
  readonly storage: ReadonlyArray<StorageUrl>;
}

/**
 * The securable a privilege on `s` is inherited from, one level up: objects from their schema, schemas from their
 * catalog. "Securable objects in Unity Catalog are hierarchical and privileges are inherited downward"
 * (https://docs.databricks.com/aws/en/data-governance/unity-catalog/manage-privileges/privileges#inheritance-model).
 * External locations stand alone.
 */
export function parentOf(s: UcSecurable): UcSecurable | undefined {
  if (s.kind === "external_location" || s.kind === "catalog") return undefined;
  const parts = s.name.split(".");
  return s.kind === "schema" ? { kind: "catalog", name: parts[0] } : { kind: "schema", name: parts.slice(0, 2).join(".") };
}

/** The securable and every container above it, nearest first. */
export function lineage(s: UcSecurable): UcSecurable[] {
  const parent = parentOf(s);
  return parent ? [s, ...lineage(parent)] : [s];
}

const same = (a: UcSecurable, b: UcSecurable) => a.kind === b.kind && a.name === b.name;
export const describe = (s: { readonly kind: string; readonly name: string }) => `${s.kind.replace("_", " ")} ${s.name}`;

/**
 * The grants that give `principal` `privilege` on `s`, as Unity Catalog evaluates them: the privilege itself or
 * ALL_PRIVILEGES, on `s` or any container above it. ALL_PRIVILEGES is taken to include MANAGE, which errs towards
 * finding a grant too wide. Empty when nothing grants it.
 */
export function grantsOf(access: Pick<StackAccess, "grants">, principal: string, privilege: string, s: UcSecurable): UcGrant[] {
  const index = bySecurable(access.grants);
  return lineage(s)
    .flatMap((p) => index.get(key(p)) ?? [])
    .filter(({ grant: g }) => g.principal === principal && (g.privileges.includes(privilege) || g.privileges.includes("ALL_PRIVILEGES")))
    .sort((a, b) => a.position - b.position)
    .map(({ grant }) => grant);
}

const key = (s: UcSecurable) => `${s.kind} ${s.name}`;
const indexes = new WeakMap<ReadonlyArray<UcGrant>, Map<string, { grant: UcGrant; position: number }[]>>();

/** The grants by securable, built once per stack: a 1000-dataset platform asks tens of thousands of questions of them. */
function bySecurable(grants: ReadonlyArray<UcGrant>) {
  let index = indexes.get(grants);
  if (!index) {
    index = new Map();
    for (const [position, grant] of grants.entries()) {
      const entries = index.get(key(grant.securable)) ?? [];
      entries.push({ grant, position });
      index.set(key(grant.securable), entries);
    }
    indexes.set(grants, index);
  }
  return index;
}

/** Whether the stack makes `principal` the owner of `s`: "Object owners have all privileges on that object". */
export function owns(access: Pick<StackAccess, "owners">, principal: string, s: UcSecurable): boolean {
  return access.owners.some((o) => o.principal === principal && same(o.securable, s));
}

/**
 * Workspace permission levels in the order they include one another, per object kind
 * (https://docs.databricks.com/aws/en/security/auth/access-control).
 */
const LEVELS: Readonly<Record<WorkspaceObject["kind"], ReadonlyArray<string>>> = {
  path: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  job: ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"],
  warehouse: ["CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER"],
  experiment: ["CAN_READ", "CAN_EDIT", "CAN_MANAGE"],
};

/** Whether `level` includes `needed` on an object of `kind`. */
export const includesLevel = (kind: WorkspaceObject["kind"], level: string, needed: string) => LEVELS[kind].indexOf(level) >= LEVELS[kind].indexOf(needed);

/** Whether a permission on `on` covers `target`: the object itself, or a folder above a path ("Objects in a folder inherit all permissions settings of that folder"). */
export const covers = (on: WorkspaceObject, target: WorkspaceObject) =>
  on.kind === target.kind && (on.name === target.name || (on.kind === "path" && target.name.startsWith(`${on.name}/`)));

/** The permissions that give `principal` at least `level` on `target`, inherited ones included. */
export function permissionsOf(access: Pick<StackAccess, "permissions">, principal: string, level: string, target: WorkspaceObject): WorkspacePermission[] {
  return access.permissions.filter((p) => p.principal === principal && covers(p.object, target) && includesLevel(target.kind, p.level, level));
}
