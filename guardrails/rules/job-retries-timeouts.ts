import { Job, type JobTask } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";

/**
 * Transient failures are retried and a hung task is stopped, so one bad run cannot stall the pipeline. A continuous
 * job takes no task retry policy; its `continuous.task_retry_mode` ON_FAILURE retries failed tasks instead
 * (https://docs.databricks.com/aws/en/jobs/continuous).
 */
export const jobRetriesTimeouts = rule("LH-JOB-RETRIES-TIMEOUTS", (node) => {
  if (!(node instanceof Job)) return undefined;
  const tasks: JobTask[] = Array.isArray(node.taskInput) ? node.taskInput : [];
  const continuous = node.continuousInput;
  const retryMode = continuous && continuous.taskRetryMode !== "ON_FAILURE" ? [`set continuous.taskRetryMode "ON_FAILURE" (found ${continuous.taskRetryMode ?? "unset"})`] : [];
  return [...retryMode, ...tasks.flatMap((t) => [
    ...(continuous || Number(t.maxRetries ?? 0) >= 1 ? [] : [`set maxRetries >= 1 on task "${t.taskKey}"`]),
    ...(Number(t.timeoutSeconds ?? 0) > 0 ? [] : [`set timeoutSeconds > 0 on task "${t.taskKey}"`]),
  ])];
});
