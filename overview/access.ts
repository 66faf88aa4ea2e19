/**
 * Who can do what, from the access model itself (access/): each principal's Unity Catalog privileges and workspace
 * permissions as the constructs grant them, and what each task of the job needs, with the reason. The synth check
 * (access/check.ts) holds every stack to the same functions, so this table is what the stacks grant.
 */
import { environmentNeeds } from "../access/needs";
import {
  catalogGrants,
  codeReaders,
  experimentPermissionLevel,
  type Grant,
  jobPermissionLevel,
  locationGrants,
  resolvePrincipals,
  schemaGrants,
} from "../access/privileges";
import type { PipelinePlan } from "../jobs/plan";
import * as naming from "../naming";
import { LAYERS, type Platform, TABLE_LAYERS } from "../platform";
import { table } from "./tables";

const listed = (grants: Grant[], id: string) => grants.find((g) => g.principal === id)?.privileges.join(", ") ?? "-";

/** One row per principal: its privileges on the catalog, each layer schema and location, and its workspace permissions. */
export function whoCanDoWhat(platform: Platform): string {
  const principals = resolvePrincipals(platform.access);
  const readers = new Set(codeReaders(principals).map((p) => p.id));
  const runAs = platform.access.principals.find((p) => p.name === platform.access.jobRunAs);
  const airflow = new Set(platform.environments.flatMap((e) => (e.orchestrator === "airflow" && e.airflow.principal ? [e.airflow.principal] : [])));
  return table(
    ["principal", "catalog", ...TABLE_LAYERS.map((l) => `${l} schema`), ...LAYERS.map((l) => `${l} location`), "job", "code folder", "warehouse", "experiment"],
    principals.map((p) => {
      const isRunAs = p.name === runAs?.name;
      return [
        p.name,
        listed(catalogGrants(principals), p.id),
        ...TABLE_LAYERS.map((l) => listed(schemaGrants(principals, l), p.id)),
        ...LAYERS.map((l) => listed(locationGrants(principals, l), p.id)),
        airflow.has(p.name) ? "CAN_MANAGE_RUN (where Airflow runs it)" : (jobPermissionLevel(p) ?? "-"),
        readers.has(p.id) ? "CAN_READ" : "-",
        isRunAs ? "CAN_USE" : "-",
        experimentPermissionLevel(p) ?? "-",
      ];
    }),
  );
}

/** What the run-as principal needs, per task of the first environment's job, and why. */
export function taskNeeds(platform: Platform, plan: PipelinePlan): string {
  const environment = platform.environments[0];
  const seen = new Set<string>();
  const rows = environmentNeeds(platform, environment, plan).flatMap((n) => {
    const key = `${n.task} ${n.privilege} ${n.securable.kind} ${n.securable.name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [[`\`${n.task}\``, n.privilege, `${n.securable.kind.replace("_", " ")} \`${n.securable.name}\``, n.why]];
  });
  return [
    `<details><summary>What each task of ${naming.stackName(environment)} needs (${rows.length} privileges, each proven granted at synth)</summary>`,
    "",
    table(["task", "privilege", "on", "because the code"], rows),
    "",
    "</details>",
  ].join("\n");
}
