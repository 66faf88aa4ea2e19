import * as path from "node:path";
import { Construct } from "constructs";
import { dbtProject } from "../../jobs/dbt-project";
import { suiteFiles } from "../../jobs/expectations";
import type { PipelinePlan } from "../../jobs/plan";
import * as naming from "../../naming";
import type { EnvironmentSpec, Platform } from "../../platform";
import type { CloudFoundation } from "../cloud/foundation";
import { codeReaders, computeUsers, resolvePrincipals, runAsApplicationId } from "../../access/privileges";
import { continuousPlans } from "../../jobs/continuous-plan";
import { environmentPlan } from "../../jobs/environment-plan";
import { ComputeGuardrails } from "./compute-guardrails";
import { DataQualityVolume } from "./data-quality-volume";
import { DbtProject } from "./dbt-project";
import { DrShare } from "./dr-share";
import { EnvironmentCatalog } from "./environment-catalog";
import { ExpectationSuites } from "./expectation-suites";
import { LakeStorageAccess } from "./lake-storage-access";
import { MachineLearning } from "./machine-learning";
import { LakehouseMetastore } from "./metastore";
import { Observability } from "./observability";
import { downstreamJobStart, pipelineJobStart } from "./job-start";
import { PipelineJob, type PipelineJobProps } from "./pipeline-job";
import { PipelineNotebooks } from "./pipeline-notebooks";
import { PipelineRuntime } from "./pipeline-runtime";
import { TableSync } from "./table-sync";
import { UnityCatalogGrants } from "./unity-catalog-grants";
import { WorkspaceAssignment } from "./workspace-assignment";
import { WorkspaceHardening } from "./workspace-hardening";

export interface DatabricksLakehouseProps {
  /** The validated platform model. */
  readonly platform: Platform;
  /** The environment being deployed. */
  readonly environment: EnvironmentSpec;
  /** What the cloud half built: providers, workspace, lake storage, identities. */
  readonly foundation: CloudFoundation;
  /** Notebooks and tasks generated from the spec. */
  readonly pipeline: PipelinePlan;
  /** Folder holding each task's notebook file (PipelineTask.fileName). */
  readonly notebookDir: string;
  /**
   * Disaster recovery: a primary shares its tables with its secondary; a secondary deep-clones them on a schedule.
   * @default neither
   */
  readonly dr?: { readonly secondary: EnvironmentSpec } | { readonly primary: EnvironmentSpec };
}

/**
 * The Databricks half of one environment, the same on every cloud: Unity Catalog (metastore,
 * storage access, catalog, schemas, grants), compute guardrails, notebooks, the runtime package and the pipeline job,
 * and, where the environment asks, machine learning (ml schema, experiment, registered models) and disaster recovery
 * (the primary's share, the secondary's table sync).
 * Only the CloudFoundation it is given knows which cloud it runs on.
 */
export class DatabricksLakehouse extends Construct {
  /** The environment's catalog. */
  readonly catalogName: string;
  /** The pipeline job (the ingestion job in a continuous environment). */
  readonly jobId: string;

  constructor(scope: Construct, id: string, props: DatabricksLakehouseProps) {
    super(scope, id);
    const { platform, environment, foundation } = props;
    const ref = naming.envRef(platform, environment);
    const workspaceProvider = foundation.workspaceProvider;
    const principals = resolvePrincipals(platform.access);
    const { assignments } = new WorkspaceAssignment(this, "workspace_assignment", {
      accountProvider: foundation.accountProvider,
      workspaceId: foundation.workspaceId,
      principals,
    });

    new WorkspaceHardening(this, "hardening", {
      workspaceProvider,
      security: environment.security,
      complianceSettingsInWorkspace: foundation.complianceSettingsInWorkspace,
    });
    const metastore = new LakehouseMetastore(this, "metastore", { platform, environment, foundation });
    const storage = new LakeStorageAccess(this, "storage", { ref, foundation, metastoreAssignment: metastore.assignment });
    const catalog = new EnvironmentCatalog(this, "catalog", {
      ref,
      workspaceProvider,
      layerUrls: foundation.layerUrls,
      locations: storage.locations,
      description: platform.name,
    });
    new UnityCatalogGrants(this, "grants", {
      workspaceProvider,
      principals,
      catalogName: catalog.catalog.name,
      schemas: catalog.schemas,
      locations: storage.locations,
    });

    const compute = new ComputeGuardrails(this, "compute", {
      ref,
      compute: environment.compute,
      tags: platform.tags,
      foundation,
      users: computeUsers(principals),
      assignments,
    });
    const trains = environment.ml && platform.ml !== undefined;
    const pipeline = environmentPlan(platform, environment, props.pipeline);
    const notebooks = new PipelineNotebooks(this, "notebooks", {
      ref,
      workspaceProvider,
      tasks: pipeline.tasks,
      notebookDir: props.notebookDir,
      readers: codeReaders(principals),
      dependsOn: assignments,
    });
    const runtime = new PipelineRuntime(this, "runtime", { ref, workspaceProvider, dependsOn: [notebooks.folder] });
    const suites = new ExpectationSuites(this, "expectations", {
      ref,
      workspaceProvider,
      suites: suiteFiles(platform),
      dir: path.join(props.notebookDir, "expectations"),
      dependsOn: [notebooks.folder],
    });
    // Only where the validation task runs: it is the volume's one writer.
    const quality = environment.greatExpectations.validate
      ? new DataQualityVolume(this, "data_quality", { workspaceProvider, schema: catalog.schemas.silver, principals, runAs: runAsApplicationId(platform.access) })
      : undefined;
    const ml =
      trains && platform.ml
        ? new MachineLearning(this, "ml", {
            ref,
            workspaceProvider,
            catalogName: catalog.catalog.name,
            ml: platform.ml,
            principals,
            runAs: runAsApplicationId(platform.access),
            folder: notebooks.folder,
            assignments,
          })
        : undefined;
    const observability = new Observability(this, "observability", {
      platform,
      environment,
      foundation,
      metastoreAssignment: metastore.assignment,
      runAs: runAsApplicationId(platform.access),
      assignments,
      // The environment tag lets usage records (the cost dashboard) tell environments apart.
      tags: { ...platform.tags, environment: environment.name },
    });
    // The gold dbt project, only where a dbt task runs it (the same files in every such environment).
    const dbt = pipeline.dbt
      ? new DbtProject(this, "dbt", { ref, workspaceProvider, files: dbtProject(platform), dir: path.join(props.notebookDir, "dbt"), dependsOn: [notebooks.folder] })
      : undefined;
    const common: Omit<PipelineJobProps, "name" | "start" | "pipeline"> = {
      environment,
      foundation,
      context: {
        catalog: catalog.catalog.name,
        layerUrls: foundation.layerUrls,
        onDatabricks: true,
        retentionDays: environment.retentionDays,
        runtimePath: runtime.importPath,
        expectationsPath: suites.importPath,
        dataQualityPath: quality?.volume.volumePath,
        ml: ml?.tracking,
      },
      notebookPaths: notebooks.paths,
      policyId: compute.policy.id,
      instancePoolId: compute.pool?.instancePoolId,
      driverInstancePoolId: compute.driverPool?.instancePoolId,
      runAs: runAsApplicationId(platform.access),
      principals,
      orchestrator: environment.orchestrator === "airflow" ? principals.find((p) => p.name === environment.airflow.principal) : undefined,
      tags: platform.tags,
      dbt: dbt ? { projectDirectory: dbt.folder, warehouseId: observability.warehouse.endpoint.id } : undefined,
      // A training task registers versions of models that must exist first, owned by the run-as principal.
      dependsOn: [...runtime.files, ...suites.files, ...(dbt?.files ?? []), ...Object.values(ml?.models ?? {})],
      assignments,
    };
    // A continuous environment's second job: gold and the rest, when silver changes (or on the schedule).
    const plans = environment.trigger === "continuous" ? continuousPlans(pipeline) : undefined;
    if (plans) {
      const silver = platform.datasets.map((ds) => naming.qualified(naming.catalogName(ref), "silver", naming.silverTable(ds)));
      new PipelineJob(this, "downstream", { ...common, name: naming.downstreamJobName(ref), start: downstreamJobStart(environment, silver), pipeline: plans.downstream });
    }
    // A file arrival trigger's URL must be in a Unity Catalog external location: the job waits for the landing location.
    const watched = environment.trigger === "fileArrival" ? [storage.locations.landing] : [];
    const job = new PipelineJob(this, "pipeline", {
      ...common,
      name: naming.jobName(ref),
      start: pipelineJobStart(environment, naming.fileArrivalUrl(foundation.layerUrls.landing)),
      pipeline: plans?.ingestion ?? pipeline,
      dependsOn: [...(common.dependsOn ?? []), ...watched],
    });

    const dr = props.dr;
    if (dr && "secondary" in dr && environment.dr) {
      new DrShare(this, "dr_share", { ref, workspaceProvider, schemas: catalog.schemas, secondary: dr.secondary, metastoreId: environment.dr.metastoreId });
    } else if (dr && "primary" in dr) {
      new TableSync(this, "table_sync", {
        platform,
        secondary: environment,
        primary: dr.primary,
        foundation,
        catalogName: catalog.catalog.name,
        folder: notebooks.folder,
        notebookDir: props.notebookDir,
        policyId: compute.policy.id,
        instancePoolId: compute.pool?.instancePoolId,
        driverInstancePoolId: compute.driverPool?.instancePoolId,
        runAs: runAsApplicationId(platform.access),
        dependsOn: [metastore.assignment, ...assignments],
      });
    }

    this.catalogName = catalog.catalog.name;
    this.jobId = job.job.id;
  }
}
