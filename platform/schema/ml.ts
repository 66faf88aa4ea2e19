import { z } from "zod";
import { ucIdentifier } from "./common";

/**
 * A model trained on a gold aggregate and registered in Unity Catalog: catalog.ml.<name>. The
 * features and the label are numeric measures of that aggregate (counts, sums, averages).
 */
export const modelSchema = z.strictObject({
  name: ucIdentifier,
  description: z.string().default(""),
  /** The gold aggregate it learns from. */
  gold: ucIdentifier,
  features: z.array(ucIdentifier).min(1),
  label: ucIdentifier,
  /** The alias the best version holds (see `metric`): serving and batch scoring load the model by it. */
  alias: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "expected a lower-case alias such as \"champion\"").default("champion"),
  /** Ridge regression's regularization strength. */
  alpha: z.number().positive().default(1),
  /** Fraction of rows held out for the logged metrics. */
  testFraction: z.number().gt(0).lt(1).default(0.25),
  /**
   * The hold-out metric that decides the alias: a new version takes it only when it scores better
   * than the alias's current version on the same held-out rows (lower rmse or mae, higher r2).
   * @default "rmse"
   */
  metric: z.enum(["rmse", "mae", "r2"]).default("rmse"),
});
export type ModelSpec = z.output<typeof modelSchema>;

/**
 * Machine learning, shared by the environments that set `ml: true`. The training logic is
 * lakehouse_runtime.training (fit, log to MLflow, register a version under the alias).
 */
export const mlSchema = z.strictObject({
  models: z.array(modelSchema).min(1),
});
export type MlSpec = z.output<typeof mlSchema>;
