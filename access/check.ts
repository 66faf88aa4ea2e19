/**
 * The access check: every need of every task granted to the principal that runs it, and nothing granted beyond what
 * the spec's access model gives. Pure: a synthesized stack's grants (StackAccess, read by stacks/) and the spec in,
 * violations out, each naming the task, the privilege, the securable and the grant that is missing or too wide.
 */
import { governancePlan, isGoverned, tableGovernance } from "../jobs/governance-sql";
import { pipelineTables } from "../jobs/maintenance";
import type { PipelinePlan } from "../jobs/plan";
import { trainedModels } from "../jobs/training";
import * as naming from "../naming";
import { primaryShareCatalogName } from "../naming/dr";
import { ML_SCHEMA, mlExperimentName, registeredModelName } from "../naming/ml";
import { monitoringFolder, SYSTEM_SCHEMAS, warehouseName } from "../naming/observability";
import { DATA_QUALITY_VOLUME } from "../naming/pipeline";
import { type EnvironmentSpec, LAYERS, type Platform, TABLE_LAYERS } from "../platform";
import { primaryOf } from "../platform/dr";
import { environmentNeeds, type Need } from "./needs";
import {
  type Grant,
  type ResolvedPrincipal,
  catalogGrants,
  codeReaders,
  dataQualityVolumeGrants,
  experimentPermissionLevel,
  jobPermissionLevel,
  locationGrants,
  mlSchemaGrants,
  modelGrants,
  resolvePrincipals,
  runAsApplicationId,
  schemaGrants,
} from "./privileges";
import {
  type StackAccess,
  type UcGrant,
  type UcSecurable,
  describe,
  grantsOf,
  includesLevel,
  isWorkspaceObject,
  owns,
  permissionsOf,
} from "./securables";

export interface AccessViolation {
  /** The task whose need is missing, or the rule a too-wide grant breaks. */
  readonly task: string;
  readonly principal: string;
  readonly privilege: string;
  readonly securable: string;
  /** What is missing or which grant is too wide, and where. */
  readonly problem: string;
}

export const formatViolation = (v: AccessViolation) => `${v.task}: ${v.privilege} on ${v.securable} for ${v.principal}: ${v.problem}`;

const key = (s: { readonly kind: string; readonly name: string }) => `${s.kind} ${s.name}`;

/** Whether the stack proves one need. */
function proven(stack: StackAccess, need: Need): boolean {
  const s = need.securable;
  if (s.kind === "workspace") return stack.assigned.some((a) => a.principal === need.principal);
  if (isWorkspaceObject(s)) return permissionsOf(stack, need.principal, need.privilege, s).length > 0;
  if (need.privilege === "OWNERSHIP") return owns(stack, need.principal, s);
  if (need.privilege === "MANAGE") {
    // The pipeline creates its tables, so it owns them, which "have all privileges on that object"
    // (https://docs.databricks.com/aws/en/data-governance/unity-catalog/manage-privileges/ownership).
    const schema: UcSecurable = { kind: "schema", name: s.name.split(".").slice(0, 2).join(".") };
    return owns(stack, need.principal, s) || grantsOf(stack, need.principal, "MANAGE", s).length > 0 || (s.kind === "table" && grantsOf(stack, need.principal, "CREATE_TABLE", schema).length > 0);
  }
  return grantsOf(stack, need.principal, need.privilege, s).length > 0;
}

function missing(stack: StackAccess, needs: ReadonlyArray<Need>): AccessViolation[] {
  const seen = new Set<string>();
  return needs.flatMap((need) => {
    const id = `${need.task} ${need.principal} ${need.privilege} ${key(need.securable)}`;
    if (seen.has(id) || proven(stack, need)) return [];
    seen.add(id);
    const where =
      need.securable.kind === "workspace"
        ? "no databricks_mws_permission_assignment assigns it to the workspace"
        : isWorkspaceObject(need.securable)
          ? `no databricks_permissions on it${need.securable.kind === "path" ? " or a folder above it" : ""}`
          : need.privilege === "OWNERSHIP"
            ? "the stack does not make it the owner"
            : "no grant on it or a container above it";
    return [{ task: need.task, principal: need.principal, privilege: need.privilege, securable: describe(need.securable), problem: `missing (${need.why}): ${where}` }];
  });
}

/** What the spec's access model grants on each Unity Catalog securable of the environment, by principal. */
function allowedGrants(platform: Platform, environment: EnvironmentSpec, principals: readonly ResolvedPrincipal[]): Map<string, Map<string, Set<string>>> {
  const ref = naming.envRef(platform, environment);
  const catalog = naming.catalogName(ref);
  const allowed = new Map<string, Map<string, Set<string>>>();
  const put = (s: UcSecurable, grants: Grant[]) => allowed.set(key(s), new Map(grants.map((g) => [g.principal, new Set(g.privileges)])));
  put({ kind: "catalog", name: catalog }, catalogGrants(principals));
  for (const layer of TABLE_LAYERS) put({ kind: "schema", name: `${catalog}.${naming.schemaName(layer)}` }, schemaGrants(principals, layer));
  for (const layer of LAYERS) put({ kind: "external_location", name: naming.externalLocationName(ref, layer) }, locationGrants(principals, layer));
  // The system catalog: what the alerts read, for the run-as principal only.
  const runAs = runAsApplicationId(platform.access);
  put({ kind: "catalog", name: "system" }, [{ principal: runAs, privileges: ["USE_CATALOG"] }]);
  for (const schema of SYSTEM_SCHEMAS) put({ kind: "schema", name: `system.${schema}` }, [{ principal: runAs, privileges: ["SELECT", "USE_SCHEMA"] }]);
  // A DR secondary's mount of its primary's share: read by the table sync, which runs as the run-as principal.
  const primary = primaryOf(platform.environments, environment);
  if (primary) put({ kind: "catalog", name: primaryShareCatalogName(naming.envRef(platform, primary)) }, [{ principal: runAs, privileges: ["SELECT", "USE_CATALOG", "USE_SCHEMA"] }]);
  if (environment.greatExpectations.validate) {
    put({ kind: "volume", name: `${catalog}.${naming.schemaName("silver")}.${DATA_QUALITY_VOLUME}` }, dataQualityVolumeGrants(principals, runAs));
  }
  if (environment.ml && platform.ml) {
    put({ kind: "schema", name: `${catalog}.${ML_SCHEMA}` }, mlSchemaGrants(principals));
    for (const m of trainedModels(platform)) put({ kind: "registered_model", name: `${catalog}.${ML_SCHEMA}.${registeredModelName(m)}` }, modelGrants(principals));
  }
  return allowed;
}

/** Unity Catalog grants beyond the spec's access model. */
function tooWideGrants(stack: StackAccess, allowed: Map<string, Map<string, Set<string>>>): AccessViolation[] {
  return stack.grants.flatMap((g) => {
    const permitted = allowed.get(key(g.securable))?.get(g.principal) ?? new Set<string>();
    return g.privileges
      .filter((p) => !permitted.has(p))
      .map((p) => ({
        task: "access model",
        principal: g.principal,
        privilege: p,
        securable: describe(g.securable),
        problem: `too wide: ${g.address} grants it, the spec's access model gives ${permitted.size > 0 ? [...permitted].join(", ") : "nothing"} there`,
      }));
  });
}

/** The highest workspace permission the spec gives each principal on each object. */
function allowedPermissions(platform: Platform, environment: EnvironmentSpec, principals: readonly ResolvedPrincipal[]): Map<string, Map<string, string>> {
  const ref = naming.envRef(platform, environment);
  const runAs = runAsApplicationId(platform.access);
  const airflow = environment.orchestrator === "airflow" ? environment.airflow.principal : undefined;
  const levels = (entries: Array<[string, string | undefined]>) => new Map(entries.filter((e): e is [string, string] => e[1] !== undefined));
  const allowed = new Map<string, Map<string, string>>();
  allowed.set(key({ kind: "path", name: naming.workspaceFolder(ref) }), levels(codeReaders(principals).map((p) => [p.id, "CAN_READ"])));
  allowed.set(key({ kind: "path", name: monitoringFolder(ref) }), levels([[runAs, "CAN_RUN"]]));
  allowed.set(key({ kind: "warehouse", name: warehouseName(ref) }), levels([[runAs, "CAN_USE"]]));
  for (const job of pipelineJobNames(ref, environment)) {
    allowed.set(key({ kind: "job", name: job }), levels(principals.map((p) => [p.id, p.name === airflow ? "CAN_MANAGE_RUN" : jobPermissionLevel(p)])));
  }
  allowed.set(key({ kind: "experiment", name: mlExperimentName(ref) }), levels(principals.map((p) => [p.id, experimentPermissionLevel(p)])));
  return allowed;
}

/**
 * Workspace permissions beyond the spec: on the folders of code that runs as the run-as principal only CAN_READ for
 * it and the engineers, nothing for the workspace-local `users` group anywhere.
 */
function tooWidePermissions(stack: StackAccess, allowed: Map<string, Map<string, string>>): AccessViolation[] {
  return stack.permissions.flatMap((p) => {
    const permitted = allowed.get(key(p.object))?.get(p.principal);
    if (permitted !== undefined && includesLevel(p.object.kind, permitted, p.level)) return [];
    return [
      {
        task: p.object.kind === "path" ? "code folder" : "access model",
        principal: p.principal,
        privilege: p.level,
        securable: describe(p.object),
        problem: `too wide: ${p.address} gives it, the spec's access model gives ${permitted ?? "nothing"} there`,
      },
    ];
  });
}

/** The jobs run as the spec's run-as principal, their code is outside /Shared and /Users, and every named principal is assigned. */
function jobsAndAssignments(stack: StackAccess, jobNames: ReadonlyArray<string>, runAs: string): AccessViolation[] {
  const problems: AccessViolation[] = [];
  for (const jobName of jobNames) {
    const job = stack.jobs.find((j) => j.name === jobName);
    if (job?.runAs !== runAs) {
      problems.push({ task: "job", principal: runAs, privilege: "run_as", securable: `job ${jobName}`, problem: `the job runs as ${job?.runAs ?? "its owner"} (${job?.address ?? "no such job"}), not the spec's access.jobRunAs` });
    }
  }
  for (const j of stack.jobs) {
    for (const p of j.notebookPaths.filter((p) => /^\/(Shared|Users)\//.test(p))) {
      // Every workspace user has Can Manage in /Shared (https://docs.databricks.com/aws/en/security/auth/access-control#folder-permissions).
      problems.push({ task: "code folder", principal: "users", privilege: "CAN_MANAGE", securable: `path ${p}`, problem: `too wide: ${j.address} runs code from a folder whose ACL the stack does not own` });
    }
  }
  const named = new Set([...stack.grants.map((g) => g.principal), ...stack.permissions.map((p) => p.principal), ...stack.jobs.flatMap((j) => (j.runAs ? [j.runAs] : []))]);
  for (const principal of [...named].sort()) {
    if (stack.assigned.some((a) => a.principal === principal)) continue;
    problems.push({ task: "workspace assignment", principal, privilege: "USER", securable: "the workspace", problem: "missing: the stack names it but no databricks_mws_permission_assignment assigns it" });
  }
  return problems;
}

/**
 * Rules that hold whatever the spec's levels: readers get no MODIFY; only the tables' owner (the run-as principal) and
 * the schema's owner (the deployer) may change a governed table's masks (ALTER needs ownership or MANAGE); landing
 * files and bronze, where PII is in clear, reach no principal without the PII permission.
 */
function invariants(stack: StackAccess, platform: Platform, environment: EnvironmentSpec, principals: readonly ResolvedPrincipal[], runAs: string): AccessViolation[] {
  const ref = naming.envRef(platform, environment);
  const catalog = naming.catalogName(ref);
  const schema = (layer: string): UcSecurable => ({ kind: "schema", name: `${catalog}.${layer}` });
  const problems: AccessViolation[] = [];
  const held = (principal: string, privilege: string, s: UcSecurable, rule: string, why: string) => {
    for (const g of grantsOf(stack, principal, privilege, s)) problems.push({ task: rule, principal, privilege, securable: describe(s), problem: `too wide (${why}): ${g.address} grants ${g.privileges.join(", ")} on ${describe(g.securable)}` });
  };
  const granted = [...new Set(stack.grants.map((g) => g.principal))].filter((p) => p !== runAs);
  for (const p of granted) {
    const spec = principals.find((x) => x.id === p);
    for (const layer of TABLE_LAYERS) {
      const level = spec?.layers[layer];
      if (level === undefined || level === "read") held(p, "MODIFY", schema(naming.schemaName(layer)), "readers get no MODIFY", `the spec gives ${level ?? "no access to"} ${layer}`);
    }
    const plan = governancePlan(platform);
    for (const [layer, table] of pipelineTables(platform)) {
      if (!isGoverned(tableGovernance(plan, layer, table))) continue;
      held(p, "MANAGE", { kind: "table", name: `${catalog}.${naming.schemaName(layer)}.${table}` }, "masks change only by the owners", "MANAGE alters masks and row filters");
    }
    const piiReader = platform.access.principals.some((x) => (x.applicationId ?? x.name) === p && x.pii === true);
    if (!piiReader && platform.datasets.some((ds) => ds.columns.some((c) => c.pii))) {
      const why = "PII is in clear there; only principals with access.principals[].pii read it";
      held(p, "SELECT", schema(naming.schemaName("bronze")), "no PII in clear", why);
      for (const layer of ["landing", "bronze"] as const) held(p, "READ_FILES", { kind: "external_location", name: naming.externalLocationName(ref, layer) }, "no PII in clear", why);
    }
  }
  return problems;
}

/** Every PII column is masked in silver and in quarantine (gold follows governance-sql's lineage). */
function unmasked(platform: Platform): AccessViolation[] {
  const plan = governancePlan(platform);
  return platform.datasets.flatMap((ds) =>
    ds.columns
      .filter((c) => c.pii)
      .flatMap((c) =>
        [naming.silverTable(ds), naming.quarantineTable(ds)]
          .filter((table) => !plan.columns.some((m) => m.layer === "silver" && m.table === table && m.column === c.name && m.mask))
          .map((table) => ({ task: "PII masked", principal: "every reader without pii", privilege: "SELECT", securable: `column silver.${table}.${c.name}`, problem: "no mask on a PII column" })),
      ),
  );
}

/** The environment's pipeline jobs: one, or the ingestion and downstream jobs of a continuous environment. */
const pipelineJobNames = (ref: naming.EnvRef, environment: EnvironmentSpec) =>
  environment.trigger === "continuous" ? [naming.jobName(ref), naming.downstreamJobName(ref)] : [naming.jobName(ref)];

const under = (url: string, folder: string) => url.replace(/\/*$/, "/").startsWith(folder.replace(/\/*$/, "/"));

/**
 * A file arrival trigger watches the landing location, the one whose READ FILES the access model proves: its URL must
 * be in a Unity Catalog external location (or a volume) and must not contain the managed storage of a catalog or schema
 * (https://docs.databricks.com/aws/en/jobs/file-arrival-triggers, requirements and limitations).
 */
function watchedFolders(stack: StackAccess, ref: naming.EnvRef): AccessViolation[] {
  const landing = naming.externalLocationName(ref, "landing");
  return stack.jobs.flatMap((job) => {
    const url = job.fileArrivalUrl;
    if (url === undefined) return [];
    const at = (problem: string): AccessViolation => ({ task: "file arrival trigger", principal: job.runAs ?? "its owner", privilege: "READ_FILES", securable: `url ${url}`, problem: `${problem} (${job.address})` });
    const location = stack.storage.find((s) => s.securable.kind === "external_location" && under(url, s.url));
    const managed = stack.storage.filter((s) => s.securable.kind !== "external_location" && under(s.url, url));
    return [
      ...(location === undefined
        ? [at("the URL is in no Unity Catalog external location of the stack: a file arrival trigger watches an external location or a volume")]
        : location.securable.name !== landing
          ? [at(`the URL is in ${describe(location.securable)}, not the landing location ${landing} whose READ FILES the access model proves`)]
          : []),
      ...managed.map((m) => at(`the watched folder contains the managed storage of ${describe(m.securable)} (${m.address}), which a file arrival trigger's path must not`)),
    ];
  });
}

/**
 * Every violation of one environment's synthesized stack. `shared` are the grants on the metastore's system catalog
 * that the stack of the first environment on the same metastore makes for all of them (constructs/databricks/observability.ts).
 */
export function checkAccess(platform: Platform, environment: EnvironmentSpec, plan: PipelinePlan, stack: StackAccess, shared: ReadonlyArray<UcGrant> = []): AccessViolation[] {
  const principals = resolvePrincipals(platform.access);
  const runAs = runAsApplicationId(platform.access);
  const ref = naming.envRef(platform, environment);
  return [
    ...missing({ ...stack, grants: [...stack.grants, ...shared] }, environmentNeeds(platform, environment, plan)),
    ...jobsAndAssignments(stack, pipelineJobNames(ref, environment), runAs),
    ...watchedFolders(stack, ref),
    ...tooWideGrants(stack, allowedGrants(platform, environment, principals)),
    ...tooWidePermissions(stack, allowedPermissions(platform, environment, principals)),
    ...invariants(stack, platform, environment, principals, runAs),
    ...unmasked(platform),
  ];
}
