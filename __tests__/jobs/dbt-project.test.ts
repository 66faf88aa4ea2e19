import { load } from "js-yaml";
import { dbtProject, goldColumns, goldModel, modelGovernance } from "../../jobs/dbt-project";
import { withDbtGold } from "../../jobs/dbt-task";
import { goldQuery } from "../../jobs/gold-query";
import { governancePlan } from "../../jobs/governance-sql";
import { planPipeline } from "../../jobs";
import { exampleInput, platform as retail } from "../fixtures/platform";
import { validatePlatform } from "../../platform";
import { platform as logisticsInput } from "../../examples/logistics";

const logistics = validatePlatform(logisticsInput);
/** The retail fixture with a gold aggregate grouped by a PII column, taking the max of another. */
function withPiiInGold() {
  const input = exampleInput();
  input.gold!.push({ name: "contacts", from: "customers", groupBy: ["email"], measures: [{ name: "latest_name", fn: "max", column: "full_name" }, { name: "rows", fn: "count" }] });
  return validatePlatform(input);
}
const file = (p: typeof retail, name: string) => dbtProject(p).find((f) => f.path === name)?.content ?? "";

describe("the gold dbt project", () => {
  it("has a model per aggregate whose body is the SQL engine's query, each input read as a silver source", () => {
    for (const g of retail.gold) {
      const model = goldModel(g, retail).split("\n");
      expect(model.slice(2, -1)).toStrictEqual(goldQuery(g, retail).map((l) => l.replace(/IDENTIFIER\(:(\w+)\)/g, "{{ source('silver', '$1') }}")));
    }
    expect(dbtProject(retail).filter((f) => f.path.startsWith("models/") && f.path.endsWith(".sql")).map((f) => f.path)).toStrictEqual([
      "models/customer_value.sql",
      "models/daily_sales.sql",
      "models/payment_mix.sql",
    ]);
  });

  it("declares exactly the silver tables gold reads as sources", () => {
    expect(load(file(logistics, "models/sources.yml"))).toStrictEqual({
      version: 2,
      sources: [
        {
          name: "silver",
          schema: "silver",
          tables: ["carriers", "deliveries", "depots"].map((name) => ({
            name,
            loaded_at_field: "_ingested_at",
            freshness: { warn_after: { count: logistics.datasets.find((d) => d.name === name)!.monitoring.freshnessHours, period: "hour" } },
          })),
        },
      ],
    });
  });

  it("warns on a silver source older than its dataset's freshnessHours", () => {
    const input = exampleInput();
    input.datasets.find((d) => d.name === "orders")!.monitoring = { freshnessHours: 6 };
    const sources = load(file(validatePlatform(input), "models/sources.yml")) as { sources: { tables: { name: string; freshness: unknown }[] }[] };
    expect(sources.sources[0].tables.map((t) => [t.name, t.freshness])).toStrictEqual([
      ["customers", { warn_after: { count: 24, period: "hour" } }],
      ["orders", { warn_after: { count: 6, period: "hour" } }],
      ["payments", { warn_after: { count: 24, period: "hour" } }],
      ["products", { warn_after: { count: 24, period: "hour" } }],
    ]);
  });

  it("tests not-null on key columns that are non-nullable and not left-joined, and accepted values from in-set rules", () => {
    const models = (load(file(retail, "models/schema.yml")) as { models: { name: string; columns: unknown[] }[] }).models;
    const byName = Object.fromEntries(models.map((m) => [m.name, m.columns]));
    const tests = (columns: unknown[]) => (columns as { name: string; data_tests?: unknown }[]).filter((c) => c.data_tests).map((c) => [c.name, c.data_tests]);
    expect(tests(byName.customer_value)).toStrictEqual([
      ["customer_id", ["not_null"]],
      ["country", [{ accepted_values: { arguments: { values: ["nl", "de", "be", "fr", "gb", "us"] } } }]],
    ]);
    // products is left-joined: an order whose product is unknown has no category.
    expect(tests(byName.daily_sales)).toStrictEqual([]);
  });

  it("tests each aggregate's key (one row per group-by combination) with a singular test", () => {
    expect(file(retail, "tests/daily_sales_key_unique.sql")).toBe(
      ["SELECT order_date, category, count(*) AS occurrences", "FROM {{ ref('daily_sales') }}", "GROUP BY order_date, category", "HAVING count(*) > 1", ""].join("\n"),
    );
  });
});

describe("the gold dbt project's contracts", () => {
  it("types every output column as Spark types the aggregate: sums and averages widen decimals, counts are bigint", () => {
    expect(goldColumns(logistics.gold[0], logistics)).toStrictEqual([
      { name: "delivery_date", data_type: "date" },
      { name: "country", data_type: "string" },
      { name: "region", data_type: "string" },
      { name: "stops", data_type: "bigint" },
      { name: "shipments", data_type: "bigint" },
      { name: "total_weight_kg", data_type: "decimal(20,2)" },
      { name: "avg_weight_kg", data_type: "decimal(14,6)" },
      { name: "first_delivery", data_type: "timestamp" },
      { name: "last_delivery", data_type: "timestamp" },
    ]);
  });

  it("sums integers as bigint and averages them as double, and bounds a widened decimal to 38 digits", () => {
    const input = exampleInput();
    input.datasets.find((d) => d.name === "orders")!.columns.push({ name: "big_amount", type: "decimal(35,2)" } as never);
    input.gold!.push({
      name: "widened",
      from: "orders",
      groupBy: ["customer_id"],
      measures: [
        { name: "units_sum", fn: "sum", column: "quantity" },
        { name: "units_avg", fn: "avg", column: "quantity" },
        { name: "big_sum", fn: "sum", column: "big_amount" },
        { name: "big_avg", fn: "avg", column: "big_amount" },
      ],
    });
    const p = validatePlatform(input);
    expect(goldColumns(p.gold.find((g) => g.name === "widened")!, p).map((c) => c.data_type)).toStrictEqual(["string", "bigint", "double", "decimal(38,2)", "decimal(38,6)"]);
  });

  it("enforces the contract on every model, with every output column typed", () => {
    const models = (load(file(retail, "models/schema.yml")) as { models: { name: string; config: { contract: unknown }; columns: { name: string; data_type: string }[] }[] }).models;
    for (const m of models) {
      expect(m.config.contract).toStrictEqual({ enforced: true });
      expect(m.columns.map((c) => [c.name, c.data_type])).toStrictEqual(goldColumns(retail.gold.find((g) => g.name === m.name)!, retail).map((c) => [c.name, c.data_type]));
    }
  });
});

describe("the gold dbt project's governance", () => {
  type Model = { name: string; config?: unknown; columns: unknown[] };
  const models = (p: typeof retail) => Object.fromEntries((load(file(p, "models/schema.yml")) as { models: Model[] }).models.map((m) => [m.name, m]));

  it("creates each masked gold column with its mask, a measure too, qualified with the task's catalog", () => {
    const pii = withPiiInGold();
    expect(modelGovernance(pii.gold.find((g) => g.name === "contacts")!, governancePlan(pii))).toStrictEqual({
      columnMasks: {
        email: { function: "{{ target.catalog }}.gold.pii_email_domain_string" },
        latest_name: { function: "{{ target.catalog }}.gold.pii_redact_string" },
      },
    });
    expect(models(pii).contacts.columns).toStrictEqual([
      { name: "email", data_type: "string", column_mask: { function: "{{ target.catalog }}.gold.pii_email_domain_string" } },
      { name: "latest_name", data_type: "string", column_mask: { function: "{{ target.catalog }}.gold.pii_redact_string" } },
      { name: "rows", data_type: "bigint" },
    ]);
  });

  it("creates a gold table grouped by a row filter column with the row filter the SQL engine gives it", () => {
    expect(modelGovernance(retail.gold.find((g) => g.name === "customer_value")!, governancePlan(retail))).toStrictEqual({
      columnMasks: {},
      rowFilter: { function: "{{ target.catalog }}.gold.row_filter_customer_value", columns: ["country"] },
    });
    expect(models(retail).customer_value.config).toStrictEqual({
      contract: { enforced: true },
      row_filter: { function: "{{ target.catalog }}.gold.row_filter_customer_value", columns: ["country"] },
    });
    expect(models(retail).daily_sales.config).toStrictEqual({ contract: { enforced: true } });
  });

  it("uses dbt-databricks' create-then-insert materializations, the ones that write masks into CREATE", () => {
    expect((load(file(retail, "dbt_project.yml")) as { flags: unknown }).flags).toStrictEqual({ use_materialization_v2: true });
  });
});

describe("the plan with gold built by dbt", () => {
  const plan = withDbtGold(planPipeline(retail));

  it("has one dbt task waiting for what the gold tasks waited for, and no gold task", () => {
    expect(plan.tasks.filter((t) => t.layer === "gold")).toStrictEqual([]);
    expect(plan.dbt).toStrictEqual({
      taskKey: "dbt_gold",
      // Environments validate with Great Expectations: in the platform's plan gold, and so dbt, waits for the validation.
      dependsOn: ["governance_setup", "silver_customers", "silver_orders", "silver_payments", "silver_products", "validate_expectations"],
      commands: ["dbt source freshness", "dbt build", "dbt docs generate"],
      schema: "gold",
      pypiPackages: ["dbt-databricks==1.12.7"],
    });
  });

  it("points every edge that led to a gold task at the dbt task", () => {
    const before = planPipeline(retail);
    const waitedForGold = before.tasks.filter((t) => t.dependsOn.some((d) => d.startsWith("gold_"))).map((t) => t.taskKey);
    expect(waitedForGold.length).toBeGreaterThan(0);
    for (const key of waitedForGold) expect(plan.tasks.find((t) => t.taskKey === key)?.dependsOn).toContain("dbt_gold");
    expect(plan.tasks.flatMap((t) => t.dependsOn).filter((d) => d.startsWith("gold_"))).toStrictEqual([]);
  });

  it("is the plan unchanged when the platform has no gold aggregates", () => {
    const none = planPipeline({ ...retail, gold: [] });
    expect(withDbtGold(none)).toBe(none);
  });
});
