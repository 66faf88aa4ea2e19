import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";
import { terraformArgs } from "../terraform";

/** Transient failures are retried and a hung task is stopped, so one bad run cannot stall the pipeline. */
export const jobRetriesTimeouts = rule("LH-JOB-RETRIES-TIMEOUTS", (node) => {
  if (!(node instanceof Job)) return undefined;
  const tasks = (terraformArgs(node).task ?? []) as { task_key: string; max_retries?: number; timeout_seconds?: number }[];
  return tasks.flatMap((t) => [
    ...((t.max_retries ?? 0) >= 1 ? [] : [`set maxRetries >= 1 on task "${t.task_key}"`]),
    ...((t.timeout_seconds ?? 0) > 0 ? [] : [`set timeoutSeconds > 0 on task "${t.task_key}"`]),
  ]);
});
