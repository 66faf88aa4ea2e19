import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsFoundation, type AwsFoundationProps } from "../constructs/aws/aws-foundation";
import { AzureFoundation } from "../constructs/azure/azure-foundation";
import type { CloudFoundation } from "../constructs/cloud/foundation";
import { DatabricksLakehouse } from "../constructs/databricks/databricks-lakehouse";
import type { PipelinePlan } from "../jobs/plan";
import type { EnvironmentSpec, Platform } from "../platform";
import { LAYERS } from "../platform";
import { configureBackend } from "./backend";
import { pinTerraformVersion } from "./terraform-version";

export interface LakehouseStackProps {
  /** The validated platform model. */
  readonly platform: Platform;
  /** The environment this stack deploys; the stack id is `${cloud}-${name}`. */
  readonly environment: EnvironmentSpec;
  /** Notebooks and tasks generated from the spec, shared by every environment. */
  readonly pipeline: PipelinePlan;
  /** Folder holding each task's notebook file (PipelineTask.fileName). */
  readonly notebookDir: string;
  /**
   * Disaster recovery (platform/dr.ts): this stack is a primary with a secondary, or the secondary of a primary.
   * @default neither
   */
  readonly dr?: { readonly secondary: EnvironmentSpec } | { readonly primary: EnvironmentSpec };
}

/** The foundation's replication side: S3 replication from a primary to its secondary (Azure's is the lake account's GZRS). */
function awsReplication(dr: LakehouseStackProps["dr"]): AwsFoundationProps["replication"] {
  if (dr === undefined) return undefined;
  if ("secondary" in dr) return dr.secondary.cloud === "aws" ? { role: "source" } : undefined;
  return dr.primary.cloud === "aws" ? { role: "destination", primary: dr.primary } : undefined;
}

/** One environment on one cloud: its cloud foundation, then the Databricks half on top of it. */
export class LakehouseStack extends TerraformStack {
  readonly foundation: CloudFoundation;
  readonly databricks: DatabricksLakehouse;

  constructor(scope: Construct, id: string, props: LakehouseStackProps) {
    super(scope, id);
    const { platform, environment } = props;
    configureBackend(this, environment);
    pinTerraformVersion(this);

    this.foundation =
      environment.cloud === "aws"
        ? new AwsFoundation(this, "aws", { platform, environment, replication: awsReplication(props.dr) })
        : new AzureFoundation(this, "azure", { platform, environment });

    this.databricks = new DatabricksLakehouse(this, "databricks", {
      platform,
      environment,
      foundation: this.foundation,
      pipeline: props.pipeline,
      notebookDir: props.notebookDir,
      dr: props.dr,
    });

    new TerraformOutput(this, "workspace_url", { value: this.foundation.workspaceUrl, description: "Databricks workspace URL" });
    new TerraformOutput(this, "catalog_name", { value: this.databricks.catalogName, description: "Unity Catalog catalog of this environment" });
    new TerraformOutput(this, "job_id", { value: this.databricks.jobId, description: "The pipeline job" });
    for (const layer of LAYERS) {
      new TerraformOutput(this, `storage_${layer}`, { value: this.foundation.storageNames[layer], description: `Lake storage of the ${layer} layer` });
    }
  }
}
