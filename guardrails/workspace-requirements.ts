/**
 * What the spec asks of each stack's workspace, for the rules that cannot read it off the Terraform
 * resources alone: keyed by stack name (naming.stackName), built by the app from the validated spec.
 */
import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

export interface WorkspaceRequirements {
  /** AWS: the workspace uses customer-managed keys for managed services and for workspace storage. */
  readonly customerManagedKeys: boolean;
  /** Results download, the DBFS file browser and notebook export may be on (off otherwise). */
  readonly allowResultsDownload: boolean;
  readonly allowDbfsFileBrowser: boolean;
  readonly allowNotebookExport: boolean;
  /** The longest personal access token lifetime the workspace may allow, in days. */
  readonly maxTokenLifetimeDays: number;
  /** IP access lists are declared, so enableIpAccessLists must be on. */
  readonly ipAccessLists: boolean;
  /** The compliance security profile must be on. */
  readonly complianceSecurityProfile: boolean;
}

/**
 * What every workspace gets when nothing is known of its spec: the baseline hardening
 * (DEFAULT_WORKSPACE_SECURITY), without CMKs.
 */
export const BASELINE_REQUIREMENTS: WorkspaceRequirements = {
  customerManagedKeys: false,
  allowResultsDownload: false,
  allowDbfsFileBrowser: false,
  allowNotebookExport: false,
  maxTokenLifetimeDays: 90,
  ipAccessLists: false,
  complianceSecurityProfile: false,
};

export type RequirementsByStack = Readonly<Record<string, WorkspaceRequirements>>;

/** The requirements of the node's stack. */
export const requirementsOf = (node: IConstruct, byStack: RequirementsByStack): WorkspaceRequirements =>
  byStack[TerraformStack.of(node).node.id] ?? BASELINE_REQUIREMENTS;
