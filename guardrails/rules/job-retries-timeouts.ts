import { Job, type JobTask } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";

/** Transient failures are retried and a hung task is stopped, so one bad run cannot stall the pipeline. */
export const jobRetriesTimeouts = rule("LH-JOB-RETRIES-TIMEOUTS", (node) => {
  if (!(node instanceof Job)) return undefined;
  const tasks: JobTask[] = Array.isArray(node.taskInput) ? node.taskInput : [];
  return tasks.flatMap((t) => [
    ...(Number(t.maxRetries ?? 0) >= 1 ? [] : [`set maxRetries >= 1 on task "${t.taskKey}"`]),
    ...(Number(t.timeoutSeconds ?? 0) > 0 ? [] : [`set timeoutSeconds > 0 on task "${t.taskKey}"`]),
  ]);
});
