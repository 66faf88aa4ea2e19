import { Job } from "@cdktf/provider-databricks/lib/job";
import { rule } from "../rule";

/**
 * "You can only have one trigger defined for a job" (https://docs.databricks.com/aws/en/jobs/triggers): a job has at
 * most one of schedule, trigger and continuous, and its trigger block one kind (file arrival, table update, periodic, model).
 */
export const oneTrigger = rule("LH-ONE-TRIGGER", (node) => {
  if (!(node instanceof Job)) return undefined;
  const starts = [
    ["schedule", node.scheduleInput],
    ["trigger", node.triggerInput],
    ["continuous", node.continuousInput],
  ].flatMap(([name, block]) => (block ? [name] : []));
  const t = node.triggerInput;
  const kinds = t
    ? [
        ["fileArrival", t.fileArrival],
        ["tableUpdate", t.tableUpdate],
        ["periodic", t.periodic],
        ["model", t.model],
      ].flatMap(([name, block]) => (block ? [name] : []))
    : [];
  return [
    ...(starts.length > 1 ? [`keep one of ${starts.join(", ")}: a job has one trigger`] : []),
    ...(kinds.length > 1 ? [`keep one of trigger.${kinds.join(", trigger.")}: a trigger block watches one thing`] : []),
  ];
});
