/**
 * The seam between the cloud-specific half (storage, identity, network, workspace) and the
 * Databricks half, which is written once. An AWS or Azure foundation builds its half and hands
 * over exactly this; nothing in constructs/databricks knows which cloud it runs on.
 */
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import type { ITerraformDependable } from "cdktf";
import type { Cloud, Layer } from "../../platform";

/** The cloud identity block of `databricks_storage_credential`. Exactly one member is set. */
export interface StorageCredentialIdentity {
  readonly awsIamRole?: { readonly roleArn: string };
  readonly azureManagedIdentity?: { readonly accessConnectorId: string };
}

/**
 * Cloud attributes for compute, as plain provider-config objects (camelCase, as the generated
 * classes take them). Exactly one of aws/azure is set in each.
 */
export interface CloudComputeAttributes {
  /** `aws_attributes` / `azure_attributes` of a job cluster's new_cluster (spot with fallback). */
  readonly jobCluster: { readonly awsAttributes?: Record<string, unknown>; readonly azureAttributes?: Record<string, unknown> };
  /** `aws_attributes` / `azure_attributes` of an instance pool. */
  readonly instancePool: { readonly awsAttributes?: Record<string, unknown>; readonly azureAttributes?: Record<string, unknown> };
  /**
   * `aws_attributes` / `azure_attributes` of the on-demand pool drivers come from when workers come
   * from a spot pool: pools have no on-demand fallback, and losing the driver ends the run.
   */
  readonly driverInstancePool: { readonly awsAttributes?: Record<string, unknown>; readonly azureAttributes?: Record<string, unknown> };
  /** Cluster-policy rules that pin the same attributes, keyed by policy path (e.g. "aws_attributes.availability"). */
  readonly policyRules: Readonly<Record<string, Record<string, unknown>>>;
}

export interface CloudFoundation {
  readonly cloud: Cloud;
  /** Region/location of the workspace: where a created metastore goes. */
  readonly region: string;
  /** Account-level Databricks provider (alias "account"). */
  readonly accountProvider: DatabricksProvider;
  /** Workspace-level Databricks provider (alias "workspace"), host taken from the created workspace. */
  readonly workspaceProvider: DatabricksProvider;
  /** Numeric id of the created workspace, for the metastore assignment. */
  readonly workspaceId: string;
  /** https URL of the created workspace. */
  readonly workspaceUrl: string;
  /** Root URL of each layer's lake storage: s3://bucket or abfss://layer@account.dfs.core.windows.net. */
  readonly layerUrls: Readonly<Record<Layer, string>>;
  /** Names of the lake storage (bucket names, or the storage account), for the stack's outputs. */
  readonly storageNames: Readonly<Record<Layer, string>>;
  /** The identity the Unity Catalog storage credential uses; known before the credential exists. */
  readonly storageCredentialIdentity: StorageCredentialIdentity;
  readonly computeAttributes: CloudComputeAttributes;
  /**
   * Whether the compliance security profile and enhanced security monitoring are Databricks
   * workspace settings (AWS) or properties of the cloud's workspace resource, set by the foundation (Azure).
   */
  readonly complianceSettingsInWorkspace: boolean;
  /**
   * Completes the storage credential's cloud side once it exists (AWS: the IAM role whose trust
   * needs the credential's external id) and returns what external locations must wait for.
   */
  bindStorageCredential(credential: StorageCredential): ITerraformDependable[];
}
