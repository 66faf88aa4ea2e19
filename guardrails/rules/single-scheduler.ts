import { Job } from "@cdktf/provider-databricks/lib/job";
import { TerraformStack } from "cdktf";
import { rule } from "../rule";

/**
 * A job Airflow triggers (orchestrator "airflow") must not also run by its own schedule,
 * file-arrival trigger or continuous mode: every run would happen twice.
 * `airflowJobs` names that job per stack (stack name -> job name); other jobs keep their schedules.
 */
export const singleScheduler = (airflowJobs: Readonly<Record<string, string>>) =>
  rule("LH-SINGLE-SCHEDULER", (node) => {
    if (!(node instanceof Job) || node.nameInput === undefined) return undefined;
    if (airflowJobs[TerraformStack.of(node).node.id] !== node.nameInput) return undefined;
    const unpaused = (what: string, status: string | undefined) =>
      status === "PAUSED" ? [] : [`Airflow triggers this job (orchestrator "airflow"): set its ${what} pauseStatus to "PAUSED" (found ${status ?? "unset, which runs"})`];
    return [
      ...(node.scheduleInput ? unpaused("schedule", node.scheduleInput.pauseStatus) : []),
      ...(node.triggerInput ? unpaused("trigger", node.triggerInput.pauseStatus) : []),
      ...(node.continuousInput ? unpaused("continuous", node.continuousInput.pauseStatus) : []),
    ];
  });
