import { goldQuery } from "../../jobs/gold-query";
import { qualifiedIdent } from "../../jobs/identifiers";
import { pipelineTables } from "../../jobs/maintenance";
import { rowRules } from "../../jobs/quality";
import { silverConfig, silverWidgets } from "../../jobs/silver";
import { landingType } from "../../jobs/tables";
import { validatePlatform } from "../../platform";
import { exampleInput, platform } from "../fixtures/platform";
import { platform as reservedWords } from "../pipeline/reserved-words";

const dataset = (name: string) => {
  const ds = platform.datasets.find((d) => d.name === name);
  if (!ds) throw new Error(name);
  return ds;
};
const rules = (name: string) => Object.fromEntries(rowRules(dataset(name)).map((r) => [r.name, r]));

describe("quality rules", () => {
  it("names spec rules by expectation and column unless the spec names them", () => {
    expect(Object.keys(rules("orders"))).toEqual([
      "expect_column_values_to_be_of_type:quantity",
      "expect_column_values_to_be_of_type:unit_price",
      "expect_column_values_to_be_of_type:order_ts",
      "expect_column_values_to_be_of_type:updated_at",
      "expect_row_to_be_well_formed",
      "expect_column_values_to_not_be_null:order_id",
      "expect_column_values_to_not_be_null:updated_at",
      "expect_column_values_to_not_be_null:customer_id",
      "expect_column_values_to_be_between:quantity",
      "expect_column_values_to_be_in_set:status",
      "price_not_negative",
    ]);
  });

  it("describes each expectation as data the runtime compiles: kind, column and bounds", () => {
    const orders = Object.fromEntries(rowRules(dataset("orders")).map((r) => [r.name, r]));
    expect(orders["expect_column_values_to_be_between:quantity"]).toStrictEqual({
      name: "expect_column_values_to_be_between:quantity",
      kind: "between",
      column: "quantity",
      min: 1,
      max: 1000,
    });
    expect(orders["expect_column_values_to_be_in_set:status"]).toMatchObject({ kind: "in_set", values: ["placed", "shipped", "completed", "cancelled"] });
    expect(orders.price_not_negative).toStrictEqual({ name: "price_not_negative", kind: "sql", expression: "unit_price >= 0" });
    expect(orders["expect_column_values_to_be_of_type:quantity"]).toStrictEqual({ name: "expect_column_values_to_be_of_type:quantity", kind: "type", column: "quantity" });
    expect(rules("customers")["expect_column_values_to_match_regex:email"]).toMatchObject({ kind: "regex", regex: "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$" });
  });

  it("quarantines a row without an ordering value by a built-in rule, even where the column is nullable", () => {
    // Built past validation: the runtime must not lose the row even if a spec got a nullable ordering column through.
    const orders = dataset("orders");
    const ds = { ...orders, columns: orders.columns.map((c) => (c.name === "updated_at" ? { ...c, nullable: true } : c)) };
    expect(rowRules(ds).filter((r) => r.kind === "not_null" && r.column === "updated_at")).toStrictEqual([
      { name: "expect_column_values_to_not_be_null:updated_at", kind: "not_null", column: "updated_at" },
    ]);
  });

  it("checks typed (parquet) sources without a well-formed rule and quarantines new columns when evolution fails", () => {
    const payments = rules("payments");
    expect(payments["expect_table_columns_to_match_set"]).toStrictEqual({ name: "expect_table_columns_to_match_set", kind: "column_set" });
    expect(payments.expect_row_to_be_well_formed).toBeUndefined();
    expect(landingType(dataset("payments"), dataset("payments").columns[3])).toBe("decimal(12,2)");
    expect(landingType(dataset("orders"), dataset("orders").columns[3])).toBe("string");
  });

  it("flags duplicate values for a uniqueness rule", () => {
    const input = exampleInput();
    input.datasets[0].quality = { rules: [{ expect: "expect_column_values_to_be_unique", column: "email" }] };
    const ds = validatePlatform(input).datasets[0];
    expect(rowRules(ds).find((r) => r.name === "expect_column_values_to_be_unique:email")).toStrictEqual({
      name: "expect_column_values_to_be_unique:email",
      kind: "unique",
      column: "email",
    });
  });
});

describe("gold query", () => {
  it("qualifies every column, joins by the spec and groups by the output columns, every name quoted", () => {
    expect(goldQuery(platform.gold[0], platform)).toStrictEqual([
      "SELECT",
      "    `orders`.`order_date` AS `order_date`,",
      "    `products`.`category` AS `category`,",
      "    sum(`orders`.`line_total`) AS `revenue`,",
      "    count(DISTINCT `orders`.`order_id`) AS `order_count`,",
      "    sum(`orders`.`quantity`) AS `units`",
      "FROM IDENTIFIER(:orders) AS `orders`",
      "LEFT JOIN IDENTIFIER(:products) AS `products`",
      "    ON `orders`.`product_id` = `products`.`product_id`",
      "WHERE orders.status <> 'cancelled'",
      "GROUP BY",
      "    `orders`.`order_date`,",
      "    `products`.`category`",
    ]);
  });

  it("counts rows when a count has no column", () => {
    expect(goldQuery(platform.gold[2], platform)).toContain("    count(*) AS `payment_count`");
  });

  it("quotes names that are Spark SQL keywords, and a backtick inside a name", () => {
    const spec = validatePlatform(reservedWords);
    expect(goldQuery(spec.gold[0], spec)).toStrictEqual([
      "SELECT",
      "    `order`.`select` AS `select`,",
      "    sum(`order`.`order`) AS `end`,",
      "    max(`order`.`from`) AS `table`,",
      "    count(*) AS `rows`",
      "FROM IDENTIFIER(:order) AS `order`",
      "GROUP BY",
      "    `order`.`select`",
    ]);
    expect(qualifiedIdent("silver.odd`name")).toBe("`silver`.`odd``name`");
  });
});

describe("maintenance tables", () => {
  it("covers every table of every layer", () => {
    const tables = pipelineTables(platform).map(([layer, t]) => `${layer}.${t}`);
    expect(tables).toContain("bronze.orders");
    expect(tables).toContain("silver.orders_quarantine");
    expect(tables).toContain("silver.quality_results");
    expect(tables).toContain("gold.payment_mix");
    expect(tables).toHaveLength(4 + 4 * 2 + 1 + 3);
  });
});

describe("silver configuration", () => {
  it("passes the quality gate's threshold and minimum failed rows, 10 unless the spec says otherwise", () => {
    const gate = (name: string) => {
      const config = silverConfig(dataset(name), platform) as Record<string, unknown>;
      return [config.max_failed_fraction, config.min_failed_rows];
    };
    expect(gate("customers")).toStrictEqual([0.2, 3]);
    expect(gate("orders")).toStrictEqual([0.2, 10]);
  });

  it("declares the operator's way past a held batch as a parameter that accepts nothing by default", () => {
    const widget = silverWidgets().find((w) => w.name === "accept_held_batch");
    expect(widget?.value({} as never)).toBe("none");
  });
});
