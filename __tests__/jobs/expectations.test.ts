import { expectationSuite, GX_VERSION, suiteFiles, unexpectedRowsQuery } from "../../jobs/expectations";
import { rowRules } from "../../jobs/quality";
import { validatePlatform } from "../../platform";
import { platform as logisticsPlatform } from "../../examples/logistics";
import { platform } from "../fixtures/platform";

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
    });
    expect(orders["expect_column_values_to_be_between:quantity"]).toStrictEqual({
      type: "expect_column_values_to_be_between",
      kwargs: { column: "quantity", min_value: 1, max_value: 1000 },
      meta: { rule: "expect_column_values_to_be_between:quantity" },
    });
    expect(orders["expect_column_values_to_be_in_set:status"].kwargs).toStrictEqual({
      column: "status",
      value_set: ["placed", "shipped", "completed", "cancelled"],
    });
    expect(orders.price_not_negative).toStrictEqual({
      type: "unexpected_rows_expectation",
      kwargs: { unexpected_rows_query: "SELECT * FROM {batch} WHERE NOT coalesce((unit_price >= 0), false)" },
      meta: { rule: "price_not_negative" },
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
    });
  });

  it("lists every rule it cannot express in the notes, so each rule is either an expectation or a note", () => {
    for (const ds of platform.datasets) {
      const suite = expectationSuite(ds);
      const noted = suite.notes.map((n) => n.split(": ")[0]);
      expect([...suite.expectations.map((e) => e.meta.rule), ...noted].sort()).toStrictEqual(rowRules(ds).map((r) => r.name).sort());
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
});
