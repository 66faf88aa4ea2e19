import { Grants } from "@cdktf/provider-databricks/lib/grants";
import { MlflowExperiment } from "@cdktf/provider-databricks/lib/mlflow-experiment";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { RegisteredModel } from "@cdktf/provider-databricks/lib/registered-model";
import { Schema } from "@cdktf/provider-databricks/lib/schema";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { MlTracking } from "../../jobs/plan";
import type * as naming from "../../naming";
import { ML_SCHEMA, mlExperimentName, registeredModelName } from "../../naming/ml";
import type { MlSpec } from "../../platform";
import { type ResolvedPrincipal, accessControl, experimentPermissionLevel, mlSchemaGrants, modelGrants } from "../../access/privileges";

export interface MachineLearningProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly catalogName: string;
  readonly ml: MlSpec;
  readonly principals: readonly ResolvedPrincipal[];
  /** Application id of the job's run-as principal: it owns the models, so it may register versions. */
  readonly runAs: string;
  /** The environment's workspace folder, which holds the experiment. */
  readonly folder: ITerraformDependable;
  /** The principals' workspace assignments: the experiment's permissions name them. @default nothing */
  readonly assignments?: ITerraformDependable[];
}

/**
 * Machine learning in one environment: an `ml` schema in the catalog (managed storage: the
 * catalog's), the MLflow experiment the training tasks log to, and one Unity Catalog registered
 * model per spec model, each with grants from the access model.
 */
export class MachineLearning extends Construct {
  readonly schema: Schema;
  readonly experiment: MlflowExperiment;
  readonly models: Readonly<Record<string, RegisteredModel>>;
  /**
   * The training tasks' job parameters: this experiment, the workspace's tracking server and Unity
   * Catalog as the model registry ("databricks-uc",
   * https://docs.databricks.com/aws/en/machine-learning/manage-model-lifecycle/).
   */
  readonly tracking: MlTracking;

  constructor(scope: Construct, id: string, props: MachineLearningProps) {
    super(scope, id);
    const { workspaceProvider: provider, principals } = props;

    this.schema = new Schema(this, "schema", {
      provider,
      catalogName: props.catalogName,
      name: ML_SCHEMA,
      comment: "Models trained on gold",
      forceDestroy: false,
    });
    new Grants(this, "schema_grants", { provider, schema: this.schema.id, grant: mlSchemaGrants(principals) });

    this.experiment = new MlflowExperiment(this, "experiment", {
      provider,
      name: mlExperimentName(props.ref),
      // Provider 1.99 deprecates `description` (terraform validate warns) and takes tags instead;
      // MLflow's UI shows and edits an experiment's description as its system tag
      // mlflow.note.content (MLFLOW_RUN_NOTE in mlflow/utils/mlflow_tags.py, MLflow's "System Tags").
      tags: [{ key: "mlflow.note.content", value: "Training runs of the spec's models" }],
      dependsOn: [props.folder],
    });
    new Permissions(this, "experiment_permissions", {
      provider,
      experimentId: this.experiment.id,
      accessControl: principals.flatMap((p) => {
        const level = experimentPermissionLevel(p);
        return level ? [accessControl(p, level)] : [];
      }),
      dependsOn: props.assignments,
    });

    this.tracking = { experiment: this.experiment.name, trackingUri: "databricks", registryUri: "databricks-uc" };

    this.models = Object.fromEntries(
      props.ml.models.map((m) => {
        const model = new RegisteredModel(this, `model_${m.name}`, {
          provider,
          catalogName: props.catalogName,
          schemaName: this.schema.name,
          name: registeredModelName(m),
          comment: m.description || `Trained on gold.${m.gold}`,
          // Unity Catalog lets only a model's owner create its versions
          // (https://docs.databricks.com/aws/en/machine-learning/manage-model-lifecycle/).
          owner: props.runAs,
        });
        new Grants(this, `model_${m.name}_grants`, { provider, model: model.id, grant: modelGrants(principals) });
        return [m.name, model];
      }),
    );
  }
}
