/** The overview's pictures, as Mermaid source: the job DAG, each dataset's way through the layers, and what starts each stack's jobs. */
import type { PipelinePlan } from "../jobs/plan";
import * as naming from "../naming";
import { CONTINUOUS_DEFAULTS, type Platform } from "../platform";
import { guaranteedRpoMinutes, secondaryEnvironment, syncIntervalMinutes } from "../platform/dr";
import { goldInputs } from "../jobs/gold-query";
import { label, nodeId } from "./mermaid";

/** The pipeline job's tasks and their dependencies, as the job runs them. */
export function jobDag(plan: PipelinePlan): string {
  const lines = ["flowchart LR"];
  for (const task of plan.tasks) lines.push(`  ${nodeId("task", task.taskKey)}[${label(`${task.taskKey} (${task.layer})`)}]`);
  for (const task of plan.tasks) {
    for (const upstream of task.dependsOn) lines.push(`  ${nodeId("task", upstream)} --> ${nodeId("task", task.taskKey)}`);
  }
  return lines.join("\n");
}

/** landing -> bronze -> silver (and quarantine) per dataset, silver -> gold per aggregate. */
export function dataFlow(platform: Platform): string {
  const lines = ["flowchart LR"];
  for (const ds of platform.datasets) {
    const folder = ds.source.folder ?? ds.name;
    lines.push(`  subgraph ${nodeId("ds", ds.name)}[${label(ds.name)}]`);
    lines.push(`    ${nodeId("landing", ds.name)}[${label(`landing/${folder} (${ds.source.format})`)}]`);
    lines.push(`    ${nodeId("bronze", ds.name)}[${label(`bronze.${naming.bronzeTable(ds)}`)}]`);
    lines.push(`    ${nodeId("silver", ds.name)}[${label(`silver.${naming.silverTable(ds)}`)}]`);
    lines.push(`    ${nodeId("quarantine", ds.name)}[${label(`silver.${naming.quarantineTable(ds)}`)}]`);
    lines.push("  end");
    lines.push(`  ${nodeId("landing", ds.name)} --> ${nodeId("bronze", ds.name)}`);
    lines.push(`  ${nodeId("bronze", ds.name)} --> ${nodeId("silver", ds.name)}`);
    lines.push(`  ${nodeId("bronze", ds.name)} -. ${label("failed rules")} .-> ${nodeId("quarantine", ds.name)}`);
  }
  for (const g of platform.gold) {
    lines.push(`  ${nodeId("gold", g.name)}[${label(`gold.${naming.goldTable(g)}`)}]`);
    for (const input of new Set(goldInputs(g))) lines.push(`  ${nodeId("silver", input)} --> ${nodeId("gold", g.name)}`);
  }
  return lines.join("\n");
}

/**
 * What starts each stack's jobs: its schedule, a file landing, Airflow, or continuous ingestion and silver's updates;
 * and each DR pair: the secondary stack its lake replicates to and its tables are cloned into, its jobs paused.
 */
export function triggers(platform: Platform): string {
  const lines = ["flowchart LR"];
  for (const env of platform.environments) {
    const stack = naming.stackName(env);
    const ref = naming.envRef(platform, env);
    const start = nodeId("start", stack);
    const job = nodeId("job", stack);
    const source =
      env.orchestrator === "airflow"
        ? `Airflow DAG${env.trigger === "fileArrival" ? " (cron or landing Asset)" : " (cron)"}`
        : { schedule: `schedule ${env.schedule.quartzCron}`, fileArrival: "file arrival in landing", continuous: "continuous" }[env.trigger];
    lines.push(`  ${start}([${label(`${stack}: ${source}`)}]) --> ${job}[${label(naming.jobName(ref))}]`);
    if (env.trigger === "continuous") {
      const downstream = (env.continuous ?? CONTINUOUS_DEFAULTS).downstream === "schedule" ? `schedule ${env.schedule.quartzCron}` : "silver updated";
      lines.push(`  ${job} -. ${label(downstream)} .-> ${nodeId("downstream", stack)}[${label(naming.downstreamJobName(ref))}]`);
    }
    const secondary = secondaryEnvironment(env);
    if (env.dr && secondary) {
      const interval = syncIntervalMinutes(env.dr) ?? env.dr.rpoMinutes;
      const region = secondary.cloud === "aws" ? secondary.aws.region : secondary.azure.location;
      const storage = env.cloud === "aws" ? "S3 replication" : "GZRS";
      const standby = nodeId("dr", naming.stackName(secondary));
      lines.push(`  ${standby}[(${label(`${naming.stackName(secondary)} in ${region}: jobs paused`)})]`);
      lines.push(`  ${job} == ${label(`${storage}; DEEP CLONE every ${interval} min, RPO ${guaranteedRpoMinutes(interval, env.dr.syncTimeoutMinutes)} min`)} ==> ${standby}`);
    }
  }
  return lines.join("\n");
}
