import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";
import { terraformArgs } from "../terraform";

type Notifications = { on_failure?: unknown[] } | undefined;

/** A failed pipeline run must reach a person: the job notifies someone on failure. */
export const jobNotifications = rule("LH-JOB-NOTIFICATIONS", (node) => {
  if (!(node instanceof Job)) return undefined;
  const args = terraformArgs(node);
  const notified = [args.email_notifications, args.webhook_notifications].some((n) => ((n as Notifications)?.on_failure ?? []).length > 0);
  return notified ? [] : ["set emailNotifications.onFailure or webhookNotifications.onFailure on the job"];
});
