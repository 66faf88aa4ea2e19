import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { DatabricksLakehouse } from "../../constructs/databricks/databricks-lakehouse";
import { awsEnv, platform } from "../fixtures/platform";
import { FakeFoundation, fakePipeline } from "./fake-foundation";
import { synthLakehouse } from "./synth";
import { runtimeBundle } from "../../constructs/databricks/pipeline-runtime";

const ACCOUNT_LEVEL = ["databricks_metastore", "databricks_metastore_assignment", "databricks_budget", "databricks_mws_permission_assignment"];

describe("DatabricksLakehouse", () => {
  it.each(["aws", "azure"] as const)("names a provider on every Databricks resource (%s): the account one for account-level objects only", (cloud) => {
    const s = synthLakehouse({ cloud, tweak: (e) => ({ ...e, metastore: { create: {} } }) });
    const providers = Object.entries(s.tf.resource)
      .filter(([type]) => type.startsWith("databricks_"))
      .flatMap(([type, resources]) => Object.values(resources).map((r) => [type, r.provider as string]));
    expect(providers.length).toBeGreaterThan(20);
    for (const [type, provider] of providers) {
      expect([type, provider]).toStrictEqual([type, ACCOUNT_LEVEL.includes(type) ? "databricks.account" : "databricks.workspace"]);
    }
  });

  it("builds the same Databricks resources on both clouds", () => {
    const count = (cloud: "aws" | "azure") =>
      Object.fromEntries(
        Object.entries(synthLakehouse({ cloud, env: "prod" }).tf.resource)
          .filter(([type]) => type.startsWith("databricks_"))
          .map(([type, resources]) => [type, Object.keys(resources).length]),
      );
    // On Azure the compliance security profile and enhanced security monitoring are the workspace's
    // enhanced_security_compliance block (constructs/azure/databricks-workspace.ts), not workspace settings.
    const IN_AZURE_WORKSPACE = ["databricks_compliance_security_profile_workspace_setting", "databricks_enhanced_security_monitoring_workspace_setting"];
    const aws = count("aws");
    expect(count("azure")).toStrictEqual(Object.fromEntries(Object.entries(aws).filter(([type]) => !IN_AZURE_WORKSPACE.includes(type))));
    expect(aws).toStrictEqual({
      // prod validates with Great Expectations: the expectation warning alert and query, the data quality volume and its grants.
      databricks_alert: 8,
      databricks_budget: 1,
      databricks_catalog: 1,
      databricks_cluster_policy: 1,
      databricks_compliance_security_profile_workspace_setting: 1,
      databricks_dashboard: 1,
      databricks_directory: 2,
      databricks_disable_legacy_access_setting: 1,
      databricks_disable_legacy_dbfs_setting: 1,
      databricks_enhanced_security_monitoring_workspace_setting: 1,
      databricks_external_location: 4,
      databricks_grants: 9,
      databricks_instance_pool: 2,
      databricks_ip_access_list: 1,
      databricks_job: 2,
      databricks_metastore_assignment: 1,
      // Every principal of the spec, assigned to the workspace.
      databricks_mws_permission_assignment: platform.access.principals.length,
      databricks_notebook: 5,
      // The cluster policy, the two pools, the job; the code folder, the monitoring folder, the warehouse.
      databricks_permissions: 7,
      databricks_query: 8,
      databricks_schema: 3,
      databricks_sql_endpoint: 1,
      databricks_storage_credential: 1,
      databricks_volume: 1,
      databricks_workspace_conf: 1,
      // The runtime package and one expectation suite per dataset.
      databricks_workspace_file: runtimeBundle().files.length + platform.datasets.length,
    });
  });

  it("exposes the catalog name and the job id as references to the created resources", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const foundation = new FakeFoundation(stack, "cloud", "aws");
    const { plan, notebookDir } = fakePipeline();
    const lakehouse = new DatabricksLakehouse(stack, "databricks", { platform, environment: awsEnv(), foundation, pipeline: plan, notebookDir });
    new TerraformOutput(stack, "catalog_name", { value: lakehouse.catalogName });
    new TerraformOutput(stack, "job_id", { value: lakehouse.jobId });
    expect(JSON.parse(Testing.synth(stack)).output).toStrictEqual({
      catalog_name: { value: "${databricks_catalog.databricks_catalog_DFE22A26.name}" },
      job_id: { value: "${databricks_job.databricks_pipeline_job_234E2ACA.id}" },
    });
  });
});
