import { MwsWorkspaces } from "@cdktf/provider-databricks/lib/mws-workspaces";
import { type Rule, rule } from "../rule";
import { resolve } from "../terraform";
import { type RequirementsByStack, requirementsOf } from "../workspace-requirements";

/**
 * An AWS workspace whose environment asks for customer-managed keys (aws.customerManagedKeys) takes
 * both: managed services (notebooks, secrets, queries) and workspace storage (root bucket, EBS).
 */
export function workspaceCmk(byStack: RequirementsByStack): Rule {
  return rule("LH-AWS-WORKSPACE-CMK", (node) => {
    if (!(node instanceof MwsWorkspaces)) return undefined;
    if (!requirementsOf(node, byStack).customerManagedKeys) return [];
    const set = (value: unknown) => typeof resolve(node, value) === "string" && resolve(node, value) !== "";
    return [
      ...(set(node.managedServicesCustomerManagedKeyIdInput) ? [] : ["set managedServicesCustomerManagedKeyId: the environment asks for customer-managed keys (WorkspaceKeys.managedServices)"]),
      ...(set(node.storageCustomerManagedKeyIdInput) ? [] : ["set storageCustomerManagedKeyId: the environment asks for customer-managed keys (WorkspaceKeys.storage)"]),
    ];
  });
}
