/**
 * A continuous environment runs two jobs: the ingestion job (bronze and silver, continuous) and the downstream job
 * (gold or dbt, maintenance, governance, validation, training), started by silver's updates or a schedule. The
 * ingestion job's tasks have no edges: "you cannot use task dependencies with a continuous job"
 * (https://docs.databricks.com/aws/en/jobs/continuous), so they run side by side, each run after the last. The
 * downstream job keeps the edges among its own tasks and drops those to the ingestion job, since it starts after
 * silver changed. The governance setup (CREATE OR REPLACE FUNCTION, idempotent) runs in each job whose tasks wait for it.
 */
import { GOVERNANCE_SETUP_TASK_KEY } from "../naming/governance";
import type { PipelinePlan, PipelineTask } from "./plan";

export interface ContinuousPlans {
  /** Bronze and silver (and the governance setup they wait for): the continuous job. */
  readonly ingestion: PipelinePlan;
  /** Everything after silver: the job silver's updates (or the schedule) start. */
  readonly downstream: PipelinePlan;
}

const ingests = (t: PipelineTask) => t.layer === "bronze" || t.layer === "silver";

/** Keeps `tasks` and the governance setup when one of them waits for it, each with its edges cut to the job. */
function job(all: ReadonlyArray<PipelineTask>, tasks: ReadonlyArray<PipelineTask>, dbtDependsOn: ReadonlyArray<string> = []): PipelineTask[] {
  const setup = all.find((t) => t.taskKey === GOVERNANCE_SETUP_TASK_KEY);
  const needsSetup = [...tasks.flatMap((t) => t.dependsOn), ...dbtDependsOn].includes(GOVERNANCE_SETUP_TASK_KEY);
  const members = [...tasks, ...(setup && needsSetup ? [setup] : [])].sort((a, b) => (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0));
  const keys = new Set(members.map((t) => t.taskKey));
  return members.map((t) => ({ ...t, dependsOn: t.dependsOn.filter((k) => keys.has(k)) }));
}

export function continuousPlans(plan: PipelinePlan): ContinuousPlans {
  const rest = plan.tasks.filter((t) => !ingests(t) && t.taskKey !== GOVERNANCE_SETUP_TASK_KEY);
  const downstream = job(plan.tasks, rest, plan.dbt?.dependsOn);
  const keys = new Set(downstream.map((t) => t.taskKey));
  return {
    ingestion: { tasks: job(plan.tasks, plan.tasks.filter(ingests)).map((t) => ({ ...t, dependsOn: [] })) },
    downstream: {
      tasks: downstream,
      ...(plan.dbt ? { dbt: { ...plan.dbt, dependsOn: plan.dbt.dependsOn.filter((k) => keys.has(k)) } } : {}),
    },
  };
}
