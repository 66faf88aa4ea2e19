/**
 * The training task of one model (platform ml.models[], environments with `ml: true`): its gold
 * table, features, label and alias as configuration, and lakehouse_runtime.training.run, which fits
 * the model, logs the run to the environment's experiment and registers a version under the alias.
 */
import * as naming from "../naming";
import { registeredModelName } from "../naming/ml";
import type { ModelSpec, Platform } from "../platform";
import { taskNotebook } from "./notebook";
import type { MlTracking } from "./plan";
import { catalogWidget, runtimePathWidget, type Widget } from "./widgets";

/** The versions requirements-ml.txt pins, where runtime/tests_ml tests the training module. */
export const MLFLOW_VERSION = "3.17.2";
export const SCIKIT_LEARN_VERSION = "1.9.1";

/**
 * Installed on the task's cluster before it starts, as the GX task's library is
 * (https://learn.microsoft.com/en-gb/azure/databricks/dev-tools/bundles/library-dependencies):
 * the job cluster runs the standard runtime, whose MLflow and scikit-learn are not these versions.
 */
export const TRAINING_PACKAGES = [`mlflow==${MLFLOW_VERSION}`, `scikit-learn==${SCIKIT_LEARN_VERSION}`];

/** Empty where the environment trains nothing: the runtime then fails naming the parameter. */
export const mlWidget = (name: string, value: (tracking: MlTracking) => string): Widget => ({
  name,
  value: (ctx) => (ctx.ml ? value(ctx.ml) : ""),
});

export const trainingWidgets = (): Widget[] => [
  runtimePathWidget,
  catalogWidget,
  mlWidget("experiment", (t) => t.experiment),
  mlWidget("tracking_uri", (t) => t.trackingUri),
  mlWidget("registry_uri", (t) => t.registryUri),
];

export function trainingNotebook(model: ModelSpec): string {
  return taskNotebook(
    [
      `# Training: ${model.name}`,
      ...(model.description ? [model.description] : []),
      "",
      `Fits a ridge regression of ${model.label} on ${model.features.join(", ")} from gold.${model.gold}, logs the run to the`,
      `environment's MLflow experiment and registers a new version of ml.${registeredModelName(model)}; the version takes`,
      `@${model.alias} only when its hold-out ${model.metric} beats the current @${model.alias}'s on the same rows.`,
    ],
    "training",
    {
      model: registeredModelName(model),
      table: `${naming.schemaName("gold")}.${naming.goldTable({ name: model.gold })}`,
      features: [...model.features],
      label: model.label,
      alias: model.alias,
      alpha: model.alpha,
      test_fraction: model.testFraction,
      metric: model.metric,
    },
  );
}

/** The models the plan trains (each environment with `ml: true` runs them; the job construct filters the rest). */
export const trainedModels = (platform: Platform): ReadonlyArray<ModelSpec> => platform.ml?.models ?? [];
