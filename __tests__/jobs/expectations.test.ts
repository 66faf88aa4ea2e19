import { expectationSuite, GX_VERSION, suiteFiles, unexpectedRowsQuery } from "../../jobs/expectations";
import { rowRules } from "../../jobs/quality";
import { type PlatformInput, validatePlatform } from "../../platform";
import { platform as logisticsPlatform } from "../../examples/logistics";
import { exampleInput, platform, problemsAfter } from "../fixtures/platform";

type DatasetInput = PlatformInput["datasets"][number];

const dataset = (name: string) => {
  const ds = platform.datasets.find((d) => d.name === name);
  if (!ds) throw new Error(name);
  return ds;
};
const byRule = (name: string) => Object.fromEntries(expectationSuite(dataset(name)).expectations.map((e) => [e.meta.rule, e]));

describe("Great Expectations suites", () => {
  it("maps each rule kind to the GX expectation of the same meaning, under the rule's name", () => {
    const orders = byRule("orders");
    expect(orders["expect_column_values_to_not_be_null:order_id"]).toStrictEqual({
      type: "expect_column_values_to_not_be_null",
      kwargs: { column: "order_id" },
      meta: { rule: "expect_column_values_to_not_be_null:order_id" },
      severity: "critical",
    });
    expect(orders["expect_column_values_to_be_between:quantity"]).toStrictEqual({
      type: "expect_column_values_to_be_between",
      kwargs: { column: "quantity", min_value: 1, max_value: 1000 },
      meta: { rule: "expect_column_values_to_be_between:quantity" },
      severity: "critical",
    });
    expect(orders["expect_column_values_to_be_in_set:status"].kwargs).toStrictEqual({
      column: "status",
      value_set: ["placed", "shipped", "completed", "cancelled"],
    });
    expect(orders.price_not_negative).toStrictEqual({
      type: "unexpected_rows_expectation",
      kwargs: { unexpected_rows_query: "SELECT * FROM {batch} WHERE NOT coalesce((unit_price >= 0), false)" },
      meta: { rule: "price_not_negative" },
      severity: "critical",
    });
    expect(byRule("customers")["expect_column_values_to_match_regex:email"].kwargs).toStrictEqual({
      column: "email",
      regex: "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$",
    });
    // A one-sided bound leaves GX's other bound unset.
    expect(byRule("payments")["expect_column_values_to_be_between:amount"].kwargs).toStrictEqual({ column: "amount", min_value: 0 });
  });

  it("maps unique to GX's unique expectation (the logistics example's carrier names)", () => {
    const carriers = validatePlatform(logisticsPlatform).datasets.find((d) => d.name === "carriers");
    if (!carriers) throw new Error("carriers");
    const unique = expectationSuite(carriers).expectations.find((e) => e.type === "expect_column_values_to_be_unique");
    expect(unique).toStrictEqual({
      type: "expect_column_values_to_be_unique",
      kwargs: { column: "carrier_name" },
      meta: { rule: "expect_column_values_to_be_unique:carrier_name" },
      severity: "critical",
    });
  });

  it("lists every rule it cannot express in the notes, so each rule is either an expectation or a note", () => {
    for (const ds of platform.datasets) {
      const suite = expectationSuite(ds);
      const noted = suite.notes.map((n) => n.split(": ")[0]);
      const rows = new Set(rowRules(ds).map((r) => r.name));
      const expressed = suite.expectations.map((e) => e.meta.rule).filter((rule) => rows.has(rule));
      expect([...expressed, ...noted].sort()).toStrictEqual([...rows].sort());
    }
    expect(expectationSuite(dataset("orders")).notes).toStrictEqual([
      ...["quantity", "unit_price", "order_ts", "updated_at"].map(
        (c) =>
          `expect_column_values_to_be_of_type:${c}: not expressed, the pipeline checks that the landing text casts to the column's type; silver holds the cast value (null when it did not cast)`,
      ),
      "expect_row_to_be_well_formed: not expressed, the pipeline checks that the landing line parsed; silver holds only parsed rows",
    ]);
  });

  it("names the suite after the dataset and records the GX version it is written for", () => {
    const suite = expectationSuite(dataset("products"));
    expect(suite.name).toBe("products");
    expect(suite.meta).toStrictEqual({ great_expectations_version: GX_VERSION, dataset: "products" });
  });

  it("writes one JSON file per dataset whose content is the suite", () => {
    const files = suiteFiles(platform);
    expect(files.map((f) => f.fileName)).toStrictEqual(platform.datasets.map((d) => `${d.name}.json`));
    expect(JSON.parse(files[0].content)).toStrictEqual(JSON.parse(JSON.stringify(expectationSuite(platform.datasets[0]))));
  });

  it("fails a SQL rule whose expression is null, as the pipeline does", () => {
    expect(unexpectedRowsQuery("a > b")).toBe("SELECT * FROM {batch} WHERE NOT coalesce((a > b), false)");
  });

  it("carries each spec rule's severity (fail: critical, warn: warning) and mostly; built-in rules are critical and hold for every row", () => {
    const input = exampleInput();
    const orders = input.datasets.find((d) => d.name === "orders") as DatasetInput;
    orders.quality = {
      rules: [
        { expect: "expect_column_values_to_be_between", column: "quantity", min: 1, max: 1000, severity: "warn", mostly: 0.95 },
        { expect: "expect_sql_expression_to_be_true", name: "price_not_negative", expression: "unit_price >= 0", severity: "warn" },
        { expect: "expect_column_values_to_be_in_set", column: "status", valueSet: ["placed"], mostly: 0.5 },
      ],
      maxFailedFraction: 0.2,
    };
    const suite = expectationSuite(validatePlatform(input).datasets.find((d) => d.name === "orders") as never);
    const rules = Object.fromEntries(suite.expectations.map((e) => [e.meta.rule, [e.severity, e.kwargs.mostly]]));
    expect(rules["expect_column_values_to_be_between:quantity"]).toStrictEqual(["warning", 0.95]);
    expect(rules.price_not_negative).toStrictEqual(["warning", undefined]);
    expect(rules["expect_column_values_to_be_in_set:status"]).toStrictEqual(["critical", 0.5]);
    expect(rules["expect_column_values_to_not_be_null:order_id"]).toStrictEqual(["critical", undefined]);
  });

  it("expects each silver column's Spark type, derived columns included", () => {
    const types = Object.fromEntries(
      expectationSuite(dataset("orders"))
        .expectations.filter((e) => e.type === "expect_column_values_to_be_of_type")
        .map((e) => [e.meta.rule, [e.kwargs.column, e.kwargs.type_, e.severity]]),
    );
    expect(types).toStrictEqual({
      "silver_type:order_id": ["order_id", "StringType", "critical"],
      "silver_type:customer_id": ["customer_id", "StringType", "critical"],
      "silver_type:product_id": ["product_id", "StringType", "critical"],
      "silver_type:quantity": ["quantity", "IntegerType", "critical"],
      "silver_type:unit_price": ["unit_price", "DecimalType", "critical"],
      "silver_type:status": ["status", "StringType", "critical"],
      "silver_type:order_ts": ["order_ts", "TimestampType", "critical"],
      "silver_type:updated_at": ["updated_at", "TimestampType", "critical"],
      "silver_type:order_date": ["order_date", "DateType", "critical"],
      "silver_type:line_total": ["line_total", "DecimalType", "critical"],
    });
  });

  it("expects the batch's row count within the spec's volume and its latest ordering value within the freshness bound, after the row rules", () => {
    const orders = expectationSuite(dataset("orders")).expectations;
    expect(orders.slice(-2)).toStrictEqual([
      { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 1, max_value: 1_000_000 }, meta: { rule: "batch_row_count" }, severity: "critical" },
      {
        type: "expect_column_max_to_be_between",
        kwargs: { column: "updated_at", min_value: { $PARAMETER: "fresh_since" } },
        meta: { rule: "freshness:updated_at", max_age_hours: 48 },
        severity: "warning",
      },
    ]);
    // A dataset without volume or freshness in its spec gets neither.
    expect(expectationSuite(dataset("products")).expectations.map((e) => e.type)).not.toContain("expect_table_row_count_to_be_between");
    expect(expectationSuite(dataset("products")).expectations.map((e) => e.type)).not.toContain("expect_column_max_to_be_between");
  });

  it("fails validation if volume bounds are out of order or missing, or freshness orders by a column that is no time, naming each field", () => {
    const problems = problemsAfter((p) => {
      const [customers, products, orders] = ["customers", "products", "orders"].map((n) => p.datasets.find((d) => d.name === n) as DatasetInput);
      customers.quality = { volume: { minRows: 10, maxRows: 5 } };
      products.quality = { volume: {} };
      orders.columns = orders.columns.map((c) => (c.name === "updated_at" ? { ...c, type: "bigint" } : c));
      orders.quality = { freshness: { maxAgeHours: 24 } };
    });
    expect(problems.filter((p) => p.path.includes(".quality."))).toStrictEqual([
      { path: "datasets[0].quality.volume.minRows", value: 10, message: "minRows must be <= maxRows (5)" },
      { path: "datasets[1].quality.volume", value: { severity: "fail" }, message: "needs minRows, maxRows or both" },
      {
        path: "datasets[2].quality.freshness",
        value: { maxAgeHours: 24, severity: "warn" },
        message: "needs a date or timestamp ordering column; updated_at is bigint: drop freshness or order by a time column",
      },
    ]);
  });

  it("fails validation if mostly is outside (0, 1] or given on a SQL rule, or a severity is neither fail nor warn, naming each field", () => {
    const problems = problemsAfter((p) => {
      const orders = p.datasets.find((d) => d.name === "orders") as DatasetInput;
      orders.quality = {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "order_id", mostly: 0 },
          { expect: "expect_sql_expression_to_be_true", name: "positive", expression: "quantity > 0", mostly: 0.9 } as never,
          { expect: "expect_column_values_to_not_be_null", column: "status", severity: "error" } as never,
        ],
      };
    });
    expect(problems.map((p) => p.path)).toStrictEqual(["datasets[2].quality.rules[0].mostly", "datasets[2].quality.rules[1]", "datasets[2].quality.rules[2].severity"]);
    expect(problems[1].message).toMatch(/unknown field "mostly"/);
    expect(problems[2].message).toMatch(/"fail".*"warn"/);
  });
});
