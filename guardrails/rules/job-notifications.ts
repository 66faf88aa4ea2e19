import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";

/** A failed pipeline run must reach a person: the job notifies someone on failure. */
export const jobNotifications = rule("LH-JOB-NOTIFICATIONS", (node) => {
  if (!(node instanceof Job)) return undefined;
  const onFailure = [node.emailNotificationsInput?.onFailure, node.webhookNotificationsInput?.onFailure];
  const notified = onFailure.some((targets) => Array.isArray(targets) && targets.length > 0);
  return notified ? [] : ["set emailNotifications.onFailure or webhookNotifications.onFailure on the job"];
});
