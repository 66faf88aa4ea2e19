import { Cluster } from "@cdktf/provider-databricks/lib/cluster";
import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { rule } from "../rule";
import { resolve } from "../terraform";

/** The policy's autotermination_minutes limitation, if the definition is literal JSON. */
function policyAutoTermination(definition: unknown): { type?: string; value?: unknown } | undefined {
  try {
    return (JSON.parse(String(definition)) as Record<string, { type?: string; value?: unknown }>).autotermination_minutes;
  } catch {
    return undefined;
  }
}

/** Idle clusters cost money around the clock: policies pin auto-termination, clusters set it. */
export const autoTermination = rule("LH-AUTO-TERMINATION", (node) => {
  if (node instanceof ClusterPolicy) {
    const limit = policyAutoTermination(resolve(node, node.definitionInput));
    const fixed = limit?.type === "fixed" && Number(limit.value) > 0;
    return fixed ? [] : ['fix autotermination_minutes in the policy definition: { type: "fixed", value: <minutes > 0> }'];
  }
  if (node instanceof Cluster) {
    return Number(node.autoterminationMinutesInput) > 0 ? [] : ["set autoterminationMinutes > 0 on the cluster"];
  }
  return undefined;
});
