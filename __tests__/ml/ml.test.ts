import { MlflowExperiment } from "@cdktf/provider-databricks/lib/mlflow-experiment";
import { RegisteredModel } from "@cdktf/provider-databricks/lib/registered-model";
import { SpecError, validatePlatform } from "../../platform";
import { resource, synthLakehouse } from "../databricks/synth";
import { exampleInput, platform } from "../fixtures/platform";

const SP = "11111111-2222-3333-4444-555555555555";

function problems(edit: (input: ReturnType<typeof exampleInput>) => void) {
  const input = exampleInput();
  edit(input);
  try {
    validatePlatform(input);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => ({ path: p.path, value: p.value }));
  }
}

describe("ml spec", () => {
  it("fills in the model defaults; the example turns ML on in dev on both clouds", () => {
    expect(platform.ml?.models).toStrictEqual([
      {
        name: "customer_ltv",
        description: "Lifetime spend of a customer from their number of orders.",
        gold: "customer_value",
        features: ["order_count"],
        label: "total_spent",
        alias: "champion",
        alpha: 1,
        testFraction: 0.25,
        metric: "rmse",
      },
    ]);
    expect(platform.environments.filter((e) => e.ml).map((e) => `${e.cloud}-${e.name}`)).toStrictEqual(["aws-dev", "azure-dev"]);
  });

  it("fails if a model names no gold aggregate, a non-numeric or unknown measure, or its label as a feature, all at once", () => {
    expect(
      problems((i) => {
        i.ml = {
          models: [
            { name: "a", gold: "customer_valu", features: ["order_count"], label: "total_spent" },
            { name: "b", gold: "customer_value", features: ["first_order_ts", "total_spent"], label: "total_spent" },
            { name: "b", gold: "customer_value", features: ["order_count"], label: "segment" },
          ],
        };
      }),
    ).toStrictEqual([
      { path: "ml.models[2].name", value: "b" },
      { path: "ml.models[0].gold", value: "customer_valu" },
      { path: "ml.models[1].features[0]", value: "first_order_ts" },
      { path: "ml.models[1].features[1]", value: "total_spent" },
      { path: "ml.models[2].label", value: "segment" },
    ]);
  });

  it("fails if the metric deciding the alias is not one the training task computes, naming the accepted ones", () => {
    const input = exampleInput();
    (input.ml!.models[0] as { metric?: string }).metric = "accuracy";
    expect(() => validatePlatform(input)).toThrow(SpecError);
    try {
      validatePlatform(input);
    } catch (e) {
      const [problem] = (e as SpecError).problems;
      expect([problem.path, problem.value]).toStrictEqual(["ml.models[0].metric", "accuracy"]);
      expect(problem.message).toMatch(/rmse.*mae.*r2/);
    }
  });

  it("fails if an environment turns ML on in a platform without models", () => {
    expect(
      problems((i) => {
        delete i.ml;
      }),
    ).toStrictEqual([
      { path: "environments[0].ml", value: true },
      { path: "environments[3].ml", value: true },
    ]);
  });
});

describe("machine learning resources", () => {
  const s = synthLakehouse({ env: "dev" });

  it("creates the ml schema in the environment's catalog, granted from gold access", () => {
    expect(resource(s, "databricks_schema", "ml_schema")).toStrictEqual(
      expect.objectContaining({ catalog_name: "${databricks_catalog.databricks_catalog_DFE22A26.name}", name: "ml", force_destroy: false }),
    );
    expect(resource(s, "databricks_grants", "ml_schema_grants").grant).toStrictEqual([
      { principal: SP, privileges: ["USE_SCHEMA"] },
      { principal: "analysts", privileges: ["USE_SCHEMA"] },
      { principal: "customer-care", privileges: ["USE_SCHEMA"] },
      { principal: "data-engineers", privileges: ["USE_SCHEMA"] },
      { principal: "platform-admins", privileges: ["ALL_PRIVILEGES"] },
      { principal: "sales-benelux", privileges: ["USE_SCHEMA"] },
    ]);
  });

  it("creates the experiment in the environment's folder; the job's principal logs runs, gold readers view them", () => {
    expect(s.json).toHaveResourceWithProperties(MlflowExperiment, { name: "/rtl/dev/rtl-dev-ml" });
    // Its description as MLflow's note tag, not the provider's deprecated `description`.
    const experiment = resource(s, "databricks_mlflow_experiment", "ml_experiment");
    expect([experiment.description, experiment.tags]).toStrictEqual([undefined, [{ key: "mlflow.note.content", value: "Training runs of the spec's models" }]]);
    expect(resource(s, "databricks_permissions", "ml_experiment_permissions").access_control).toStrictEqual([
      { service_principal_name: SP, permission_level: "CAN_EDIT" },
      { group_name: "analysts", permission_level: "CAN_READ" },
      { group_name: "customer-care", permission_level: "CAN_READ" },
      { group_name: "data-engineers", permission_level: "CAN_READ" },
      { group_name: "platform-admins", permission_level: "CAN_MANAGE" },
      { group_name: "sales-benelux", permission_level: "CAN_READ" },
    ]);
  });

  it("registers each model in the ml schema, owned by the job's principal, executable by gold readers", () => {
    expect(s.json).toHaveResourceWithProperties(RegisteredModel, { name: "customer_ltv", owner: SP });
    expect(resource(s, "databricks_registered_model", "ml_model_customer_ltv").schema_name).toBe("${databricks_schema.databricks_ml_schema_C35F311F.name}");
    expect(resource(s, "databricks_grants", "ml_model_customer_ltv_grants").grant).toStrictEqual([
      { principal: SP, privileges: ["EXECUTE"] },
      { principal: "analysts", privileges: ["EXECUTE"] },
      { principal: "customer-care", privileges: ["EXECUTE"] },
      { principal: "data-engineers", privileges: ["EXECUTE"] },
      { principal: "platform-admins", privileges: ["ALL_PRIVILEGES"] },
      { principal: "sales-benelux", privileges: ["EXECUTE"] },
    ]);
  });

  it("creates none of them where the environment leaves ML off", () => {
    const staging = synthLakehouse({ env: "staging" });
    expect(staging.tf.resource.databricks_mlflow_experiment).toBeUndefined();
    expect(staging.tf.resource.databricks_registered_model).toBeUndefined();
  });
});
