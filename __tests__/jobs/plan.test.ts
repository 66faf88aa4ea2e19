import { planPipeline } from "../../jobs";
import { environmentPlan } from "../../jobs/environment-plan";
import type { PipelineContext } from "../../jobs/plan";
import * as naming from "../../naming";
import type { EnvironmentSpec } from "../../platform";
import { awsEnv, azureEnv, platform } from "../fixtures/platform";

const plan = planPipeline(platform);
const byKey = new Map(plan.tasks.map((t) => [t.taskKey, t]));
const task = (key: string) => {
  const t = byKey.get(key);
  if (!t) throw new Error(`no task ${key}`);
  return t;
};

const context = (env: EnvironmentSpec, urls: Record<string, string>): PipelineContext => ({
  catalog: naming.catalogName(naming.envRef(platform, env)),
  layerUrls: { landing: urls.landing, bronze: urls.bronze, silver: urls.silver, gold: urls.gold },
  onDatabricks: true,
  retentionDays: env.retentionDays,
  runtimePath: "/Workspace/rtl/prod/runtime/0123456789abcdef",
});
const prod = context(awsEnv("prod"), {
  landing: "s3://rtl-prod-landing-1/",
  bronze: "s3://rtl-prod-bronze-1",
  silver: "s3://rtl-prod-silver-1",
  gold: "s3://rtl-prod-gold-1",
});

describe("planPipeline", () => {
  it("has a bronze and a silver task per dataset, a gold task per aggregate, governance setup and governance, one maintenance and one GX validation task, a training and a scoring task per model, sorted by key", () => {
    const keys = plan.tasks.map((t) => t.taskKey);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual([
      "bronze_customers",
      "bronze_orders",
      "bronze_payments",
      "bronze_products",
      "gold_customer_value",
      "gold_daily_sales",
      "gold_payment_mix",
      "governance",
      "governance_setup",
      "maintenance",
      "score_customer_ltv",
      "silver_customers",
      "silver_orders",
      "silver_payments",
      "silver_products",
      "train_customer_ltv",
      "validate_expectations",
    ]);
  });

  it("wires the DAG from the lineage", () => {
    expect(task("bronze_orders").dependsOn).toEqual([]);
    expect(task("silver_orders").dependsOn).toEqual(["bronze_orders"]);
    expect(task("gold_daily_sales").dependsOn).toEqual(["silver_orders", "silver_products", "validate_expectations"]);
    expect(task("gold_payment_mix").dependsOn).toEqual(["silver_payments", "validate_expectations"]);
    const silverAndGold = plan.tasks.filter((t) => /^(silver|gold)_/.test(t.taskKey)).map((t) => t.taskKey);
    expect(task("governance").dependsOn).toEqual(silverAndGold);
    expect(task("maintenance").dependsOn).toEqual([...silverAndGold, "governance", "governance_setup"].sort());
  });

  it("creates the functions first: every task creating a masked or filtered table waits for governance_setup", () => {
    expect(task("governance_setup").dependsOn).toStrictEqual([]);
    expect(task("silver_customers").dependsOn).toStrictEqual(["bronze_customers", "governance_setup"]);
    expect(task("gold_customer_value").dependsOn).toStrictEqual(["governance_setup", "silver_customers", "silver_orders", "validate_expectations"]);
    expect(plan.tasks.filter((t) => t.dependsOn.includes("governance_setup")).map((t) => t.taskKey)).toStrictEqual([
      "gold_customer_value",
      "maintenance",
      "silver_customers",
    ]);
  });

  it("runs governance and maintenance whatever the silver and gold tasks' outcome, every other task only after its dependencies succeeded", () => {
    expect(plan.tasks.filter((t) => t.runIf !== undefined).map((t) => [t.taskKey, t.runIf])).toStrictEqual([
      ["governance", "ALL_DONE"],
      ["maintenance", "ALL_DONE"],
    ]);
  });

  it("runs the GX validation after every silver task, and every gold task waits for it", () => {
    expect(task("validate_expectations").dependsOn).toEqual(["silver_customers", "silver_orders", "silver_payments", "silver_products"]);
    expect(plan.tasks.filter((t) => t.dependsOn.includes("validate_expectations")).map((t) => t.taskKey)).toStrictEqual([
      "gold_customer_value",
      "gold_daily_sales",
      "gold_payment_mix",
    ]);
  });

  it("keeps gold's edge to the validation task only in environments that validate; elsewhere gold waits for its silver tasks alone", () => {
    const gold = (env: EnvironmentSpec) =>
      Object.fromEntries(environmentPlan(platform, env, plan).tasks.filter((t) => t.layer === "gold").map((t) => [t.taskKey, t.dependsOn]));
    const validating = { ...awsEnv("prod"), greatExpectations: { validate: true } };
    const not = { ...awsEnv("prod"), greatExpectations: { validate: false } };
    expect(gold(validating).gold_payment_mix).toStrictEqual(["silver_payments", "validate_expectations"]);
    expect(gold(not)).toStrictEqual({
      gold_customer_value: ["governance_setup", "silver_customers", "silver_orders"],
      gold_daily_sales: ["silver_orders", "silver_products"],
      gold_payment_mix: ["silver_payments"],
    });
    const keys = new Set(environmentPlan(platform, not, plan).tasks.map((t) => t.taskKey));
    expect(environmentPlan(platform, not, plan).tasks.flatMap((t) => t.dependsOn.filter((k) => !keys.has(k)))).toStrictEqual([]);
  });

  it("installs Great Expectations for the validation task only (MLflow and scikit-learn for the training and scoring tasks), and passes it the suites' folder and GX's project folder", () => {
    expect(plan.tasks.filter((t) => t.pypiPackages !== undefined).map((t) => [t.taskKey, t.pypiPackages])).toStrictEqual([
      ["score_customer_ltv", ["mlflow==3.17.2", "scikit-learn==1.9.1"]],
      ["train_customer_ltv", ["mlflow==3.17.2", "scikit-learn==1.9.1"]],
      ["validate_expectations", ["great-expectations==1.24.1"]],
    ]);
    const suites = "/Workspace/rtl/prod/expectations/0123456789abcdef";
    const volume = "/Volumes/rtl_prod/silver/data_quality";
    expect(task("validate_expectations").parameters({ ...prod, expectationsPath: suites, dataQualityPath: volume })).toStrictEqual({
      runtime_path: "/Workspace/rtl/prod/runtime/0123456789abcdef",
      catalog: "rtl_prod",
      run_id: "{{job.run_id}}",
      expectations_path: suites,
      data_quality_path: volume,
    });
  });

  it("has no validation task when no environment validates with Great Expectations", () => {
    const none = { ...platform, environments: platform.environments.map((e) => ({ ...e, greatExpectations: { validate: false } })) };
    expect(planPipeline(none).tasks.map((t) => t.taskKey)).not.toContain("validate_expectations");
  });

  it("names files and notebooks through the naming module", () => {
    for (const t of plan.tasks) {
      expect(t.fileName).toBe(`${t.notebookName}.py`);
      if (t.layer !== "maintenance" && t.layer !== "governance" && t.layer !== "validation" && t.layer !== "training" && t.layer !== "scoring") expect(t.notebookName).toBe(naming.notebookName(t.layer, t.taskKey.replace(`${t.layer}_`, "")));
    }
  });

  it("passes an environment's runtime folder, catalog, paths and the job's run id as parameters", () => {
    const runtime = "/Workspace/rtl/prod/runtime/0123456789abcdef";
    expect(task("bronze_orders").parameters(prod)).toStrictEqual({
      runtime_path: runtime,
      catalog: "rtl_prod",
      landing_path: "s3://rtl-prod-landing-1/orders",
      checkpoint_path: "s3://rtl-prod-bronze-1/_checkpoints/orders",
      on_databricks: "true",
      run_id: "{{job.run_id}}",
    });
    expect(task("silver_orders").parameters(prod)).toStrictEqual({ runtime_path: runtime, catalog: "rtl_prod", run_id: "{{job.run_id}}", on_databricks: "true", accept_held_batch: "none" });
    expect(task("gold_daily_sales").parameters(prod)).toStrictEqual({ runtime_path: runtime, catalog: "rtl_prod", on_databricks: "true" });
    expect(task("governance").parameters(prod)).toStrictEqual({ runtime_path: runtime, catalog: "rtl_prod", on_databricks: "true" });
    expect(task("governance_setup").parameters(prod)).toStrictEqual({ runtime_path: runtime, catalog: "rtl_prod", on_databricks: "true" });
  });

  it("passes each environment's retention and the OPTIMIZE threshold to maintenance", () => {
    expect(task("maintenance").parameters(prod)).toStrictEqual({
      runtime_path: "/Workspace/rtl/prod/runtime/0123456789abcdef",
      catalog: "rtl_prod",
      retention_days_bronze: "365",
      retention_days_silver: "730",
      retention_days_gold: "1825",
      optimize_min_files: "50",
    });
    const dev = context(azureEnv("dev"), { landing: "a", bronze: "b", silver: "c", gold: "d" });
    expect(task("maintenance").parameters(dev)).toMatchObject({ catalog: "rtl_dev", retention_days_bronze: "30" });
  });

  it("holds no environment's value: no catalog, account, bucket or storage account in any notebook", () => {
    for (const t of plan.tasks) {
      expect(t.source).not.toMatch(/rtl_(dev|staging|prod)|s3:\/\/|abfss:\/\/|111111111111|\/Shared\//);
      // The one widget a notebook declares itself has no default; the runtime declares the rest empty.
      expect(t.source.match(/dbutils\.widgets\.text\([^)]*\)/g)).toStrictEqual(['dbutils.widgets.text("runtime_path", "")']);
    }
  });

  it("is a header, the runtime on sys.path, one configuration cell and one call into the runtime", () => {
    const source = task("silver_orders").source;
    const cells = source.split("\n\n# COMMAND ----------\n\n");
    expect(cells).toHaveLength(4);
    expect(cells[0]).toMatch(/^# Databricks notebook source\n# MAGIC %md\n# MAGIC # Silver: orders\n/);
    expect(cells[1]).toContain("sys.path.insert(0, RUNTIME_PATH)");
    expect(cells[2]).toMatch(/^CONFIG = \{\n/);
    expect(cells[3]).toBe("from lakehouse_runtime import silver\n\nsilver.run(spark, dbutils, CONFIG)\n");
  });

  it("writes every notebook in Databricks source format", () => {
    for (const t of plan.tasks) {
      expect(t.source.startsWith("# Databricks notebook source\n")).toBe(true);
      expect(t.source).toContain("\n# COMMAND ----------\n");
      expect(t.source).toMatch(/^# MAGIC %md$/m);
      expect(t.source.endsWith("\n")).toBe(true);
      expect(t.source).not.toMatch(/[ \t]$/m);
    }
  });

  it("is deterministic", () => {
    const again = planPipeline(platform);
    expect(again.tasks.map((t) => t.source)).toEqual(plan.tasks.map((t) => t.source));
  });
});
