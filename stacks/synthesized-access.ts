/**
 * Reads what a synthesized stack (its cdk.tf.json) grants into the access model's StackAccess: Unity Catalog grants,
 * owners, workspace permissions, workspace assignments and jobs. References ("${type.name.attr}") are followed to
 * the resource they name, so a grant on `${databricks_schema.x.id}` is a grant on catalog.schema.
 */
import type { StackAccess, StorageUrl, UcGrant, UcSecurable, WorkspaceObject, WorkspacePermission } from "../access/securables";

type Block = Record<string, unknown>;
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
}

const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;
/** A single block, whether synthesized as an object or a one-element list. */
const one = (value: unknown): Block | undefined => (Array.isArray(value) ? (value[0] as Block | undefined) : (value as Block | undefined));
const list = (value: unknown): Block[] => (Array.isArray(value) ? (value as Block[]) : value ? [value as Block] : []);

export function readStackAccess(stack: SynthesizedStack): StackAccess {
  const blockAt = (dataSource: boolean, type: string, name: string) => (dataSource ? stack.data : stack.resource)?.[type]?.[name];
  /** A value with its references followed: ids become the natural name of what they identify. */
  const value = (v: unknown): string => {
    const m = typeof v === "string" ? REFERENCE.exec(v) : null;
    if (!m) return String(v);
    const [, data, type, name, attr] = m;
    const block = blockAt(data !== undefined, type, name);
    if (!block) return String(v);
    if (attr !== "id") return value(block[attr]);
    return naturalName(type, block);
  };
  const naturalName = (type: string, b: Block): string => {
    if (type === "databricks_schema") return `${value(b.catalog_name)}.${value(b.name)}`;
    if (type === "databricks_registered_model" || type === "databricks_volume") return `${value(b.catalog_name)}.${value(b.schema_name)}.${value(b.name)}`;
    if (type === "databricks_directory" || type === "databricks_notebook" || type === "databricks_workspace_file") return value(b.path);
    if (type === "databricks_group") return value(b.display_name);
    if (type === "databricks_service_principal") return value(b.application_id);
    return value(b.name);
  };
  const resources = (type: string) => Object.entries(stack.resource?.[type] ?? {});

  const securableOf = (g: Block): UcSecurable | undefined => {
    if (g.catalog !== undefined) return { kind: "catalog", name: value(g.catalog) };
    if (g.schema !== undefined) return { kind: "schema", name: value(g.schema) };
    if (g.external_location !== undefined) return { kind: "external_location", name: value(g.external_location) };
    if (g.model !== undefined) return { kind: "registered_model", name: value(g.model) };
    if (g.table !== undefined) return { kind: "table", name: value(g.table) };
    if (g.volume !== undefined) return { kind: "volume", name: value(g.volume) };
    if (g.function !== undefined) return { kind: "function", name: value(g.function) };
    return undefined;
  };
  const grants: UcGrant[] = resources("databricks_grants").flatMap(([name, g]) => {
    const securable = securableOf(g);
    return securable ? list(g.grant).map((e) => ({ securable, principal: value(e.principal), privileges: (e.privileges as string[]) ?? [], address: `databricks_grants.${name}` })) : [];
  });
  // A single databricks_grant (not authoritative) counts the same.
  const single: UcGrant[] = resources("databricks_grant").flatMap(([name, g]) => {
    const securable = securableOf(g);
    return securable ? [{ securable, principal: value(g.principal), privileges: (g.privileges as string[]) ?? [], address: `databricks_grant.${name}` }] : [];
  });

  const owners = resources("databricks_registered_model")
    .filter(([, m]) => m.owner !== undefined)
    .map(([name, m]) => ({ securable: { kind: "registered_model", name: naturalName("databricks_registered_model", m) } as UcSecurable, principal: value(m.owner), address: `databricks_registered_model.${name}` }));

  const objectOf = (p: Block): WorkspaceObject | undefined => {
    for (const attr of ["directory_path", "notebook_path", "workspace_file_path"]) if (p[attr] !== undefined) return { kind: "path", name: value(p[attr]) };
    if (p.job_id !== undefined) return { kind: "job", name: value(p.job_id) };
    if (p.sql_endpoint_id !== undefined) return { kind: "warehouse", name: value(p.sql_endpoint_id) };
    if (p.experiment_id !== undefined) return { kind: "experiment", name: value(p.experiment_id) };
    return undefined;
  };
  const permissions: WorkspacePermission[] = resources("databricks_permissions").flatMap(([name, p]) => {
    const object = objectOf(p);
    return object
      ? list(p.access_control).map((a) => ({
          object,
          principal: value(a.group_name ?? a.service_principal_name ?? a.user_name),
          level: value(a.permission_level),
          address: `databricks_permissions.${name}`,
        }))
      : [];
  });

  const assigned = [...resources("databricks_mws_permission_assignment"), ...resources("databricks_permission_assignment")].map(([name, a]) => ({
    principal: value(a.principal_id ?? a.group_name ?? a.service_principal_name ?? a.user_name),
    address: `databricks_mws_permission_assignment.${name}`,
  }));

  const jobs = resources("databricks_job").map(([name, j]) => {
    const runAs = one(j.run_as);
    const tasks = list(j.task);
    const fileArrival = one(one(j.trigger)?.file_arrival);
    return {
      name: value(j.name),
      runAs: runAs ? value(runAs.service_principal_name ?? runAs.user_name) : undefined,
      taskKeys: tasks.map((t) => value(t.task_key)),
      notebookPaths: tasks.flatMap((t) => {
        const nb = one(t.notebook_task);
        return nb ? [value(nb.notebook_path)] : [];
      }),
      ...(fileArrival ? { fileArrivalUrl: String(fileArrival.url) } : {}),
      address: `databricks_job.${name}`,
    };
  });

  // URLs kept as synthesized: a trigger's URL and the locations are built from the same (possibly referencing) text.
  const storage: StorageUrl[] = [
    ...resources("databricks_external_location").map(([name, l]) => ({ securable: { kind: "external_location" as const, name: value(l.name) }, url: String(l.url), address: `databricks_external_location.${name}` })),
    ...resources("databricks_catalog").flatMap(([name, c]) => (c.storage_root === undefined ? [] : [{ securable: { kind: "catalog" as const, name: value(c.name) }, url: String(c.storage_root), address: `databricks_catalog.${name}` }])),
    ...resources("databricks_schema").flatMap(([name, sc]) =>
      sc.storage_root === undefined ? [] : [{ securable: { kind: "schema" as const, name: naturalName("databricks_schema", sc) }, url: String(sc.storage_root), address: `databricks_schema.${name}` }],
    ),
  ];
  return { grants: [...grants, ...single], owners, permissions, assigned, jobs, storage };
}
