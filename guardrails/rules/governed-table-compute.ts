import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { Job } from "@cdktf/provider-databricks/lib/job";
import { type Rule, rule } from "../rule";
import { resolve } from "../terraform";

/** Standard access mode, in the Clusters API's two spellings. */
const STANDARD = ["USER_ISOLATION", "DATA_SECURITY_MODE_STANDARD"];

/**
 * Why nothing but standard access mode: standard compute enforces row filters and column masks
 * natively; dedicated compute writes to such tables only from Databricks Runtime 16.3, only by
 * MERGE INTO and append, and only with serverless enabled in the workspace, so it never replaces one
 * (https://docs.databricks.com/aws/en/compute/single-user-fgac, "Support for write operations";
 * https://docs.databricks.com/aws/en/compute/access-mode-limitations).
 */
const WHY =
  "the spec's column masks and row filters are written by the job (silver MERGE, quarantine append, gold replace); only standard access mode writes all of them, dedicated compute cannot replace such a table on any runtime";

function policyMode(definition: unknown): unknown {
  try {
    return (JSON.parse(String(definition)) as Record<string, { type?: string; value?: unknown }>).data_security_mode;
  } catch {
    return undefined;
  }
}

/**
 * When the platform governs tables (masks or row filters), every job cluster runs in standard access
 * mode and every cluster policy fixes it; a platform without governed tables is not checked.
 */
export function governedTableCompute(governedTables: boolean): Rule {
  return rule("LH-GOVERNED-TABLE-COMPUTE", (node) => {
    if (!governedTables) return undefined;
    if (node instanceof Job) {
      const clusters = (Array.isArray(node.jobClusterInput) ? node.jobClusterInput : []) as { jobClusterKey: string; newCluster?: { dataSecurityMode?: string } }[];
      return clusters.flatMap(({ jobClusterKey, newCluster }) => {
        const mode = newCluster?.dataSecurityMode;
        return mode !== undefined && STANDARD.includes(mode)
          ? []
          : [`set dataSecurityMode "USER_ISOLATION" (standard) on job cluster "${jobClusterKey}", not ${mode === undefined ? "nothing" : `"${mode}"`}: ${WHY}`];
      });
    }
    if (node instanceof ClusterPolicy) {
      const limit = policyMode(resolve(node, node.definitionInput)) as { type?: string; value?: unknown } | undefined;
      const fixed = limit?.type === "fixed" && STANDARD.includes(String(limit.value));
      return fixed ? [] : [`fix data_security_mode to "USER_ISOLATION" in the policy definition: ${WHY}`];
    }
    return undefined;
  });
}
