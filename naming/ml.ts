/** Names of an environment's machine-learning securables: the ml schema, its models and the experiment. */
import type { ModelSpec } from "../platform/schema";
import { type EnvRef, resourceName, workspaceFolder } from "./index";

/** The schema registered models live in, beside the table layers: rtl_dev.ml. */
export const ML_SCHEMA = "ml";
/** A registered model's name inside the ml schema (Unity Catalog: catalog.ml.<name>). */
export const registeredModelName = (m: Pick<ModelSpec, "name">) => m.name;
/** The environment's MLflow experiment, in its workspace folder: /rtl/dev/rtl-dev-ml. */
export const mlExperimentName = (r: EnvRef) => `${workspaceFolder(r)}/${resourceName(r, "ml")}`;
/** The job task training one model, after the gold task of its table: train_customer_ltv. */
export const trainingTaskKey = (m: Pick<ModelSpec, "name">) => `train_${m.name}`;
/** The job task scoring gold with one model's @alias version, after its training task: score_customer_ltv. */
export const scoringTaskKey = (m: Pick<ModelSpec, "name">) => `score_${m.name}`;
/** The gold table holding one model's batch predictions: customer_ltv_predictions (in the gold schema). */
export const predictionsTable = (m: Pick<ModelSpec, "name">) => `${m.name}_predictions`;
