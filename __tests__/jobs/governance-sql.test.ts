/**
 * The governance DDL: which columns are tagged and masked where, who sees clear values, the row
 * filters, and the statements themselves, byte for byte (__tests__/jobs/__golden__/governance.sql) and
 * through the Spark SQL parser the spec validation uses.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planPipeline } from "../../jobs";
import { governanceFunctions, governancePlan, governanceStatements, governanceTableStatements, tableGovernance } from "../../jobs/governance-sql";
import { validatePlatform } from "../../platform";
import { parseSparkSql } from "../../platform/syntax/sql";
import { exampleInput, platform } from "../fixtures/platform";

const GOLDEN = path.join(__dirname, "__golden__", "governance.sql");
const statements = governanceStatements(platform);
if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, `${statements.join(";\n")};\n`);

/** Syntax errors by the parser of the spec validation. */
const parses = (sql: string) => parseSparkSql(sql, "statement").map((e) => e.message);

/** The example with a gold aggregate that groups by a PII column and takes the max of another. */
function withPiiInGold() {
  const input = exampleInput();
  input.gold!.push({
    name: "contacts",
    from: "customers",
    groupBy: ["email"],
    measures: [{ name: "latest_name", fn: "max", column: "full_name" }, { name: "rows", fn: "count" }],
  });
  return validatePlatform(input);
}

describe("governance plan", () => {
  it("tags every PII column in bronze, silver and quarantine, and masks it in silver and quarantine only", () => {
    const where = governancePlan(platform).columns.map((c) => `${c.layer}.${c.table}.${c.column}:${c.mask ?? "tag only"}:${c.piiClass}`);
    expect(where).toStrictEqual([
      "bronze.customers.email:tag only:email",
      "bronze.customers.full_name:tag only:name",
      "silver.customers.email:email_domain:email",
      "silver.customers.full_name:redact:name",
      "silver.customers_quarantine.email:email_domain:email",
      "silver.customers_quarantine.full_name:redact:name",
      "silver.customers_quarantine._rescued_data:redact:personal",
    ]);
  });

  it("redacts the quarantine's rescued data (rescued values, a malformed line's text) of a dataset with PII only", () => {
    const rescued = governancePlan(platform).columns.filter((c) => c.column === "_rescued_data");
    expect(rescued).toStrictEqual([
      { layer: "silver", table: "customers_quarantine", column: "_rescued_data", type: "string", mask: "redact", piiClass: "personal", source: "customers._rescued_data" },
    ]);
  });

  it("masks every gold column that carries a PII value, under its output name, and not counts", () => {
    const gold = governancePlan(withPiiInGold()).columns.filter((c) => c.layer === "gold");
    expect(gold).toStrictEqual([
      { layer: "gold", table: "contacts", column: "email", type: "string", mask: "email_domain", piiClass: "email", source: "customers.email" },
      { layer: "gold", table: "contacts", column: "latest_name", type: "string", mask: "redact", piiClass: "name", source: "customers.full_name" },
    ]);
  });

  it("defaults the mask to redact for strings and null otherwise, and the class to personal", () => {
    const input = exampleInput();
    const columns = input.datasets[0].columns;
    Object.assign(columns.find((c) => c.name === "email")!, { mask: undefined, piiClass: undefined });
    Object.assign(columns.find((c) => c.name === "signup_date")!, { pii: true });
    const silver = governancePlan(validatePlatform(input)).columns.filter((c) => c.table === "customers" && c.layer === "silver");
    expect(silver.map((c) => [c.column, c.mask, c.piiClass])).toStrictEqual([
      ["email", "redact", "personal"],
      ["full_name", "redact", "name"],
      ["signup_date", "null", "personal"],
    ]);
  });

  it("filters the dataset's silver and quarantine tables and every gold table grouped by the filter column", () => {
    expect(governancePlan(platform).rowFilters).toStrictEqual([
      { layer: "silver", table: "customers", columns: [{ column: "country", type: "string", dataset: "customers" }] },
      { layer: "silver", table: "customers_quarantine", columns: [{ column: "country", type: "string", dataset: "customers" }] },
      { layer: "gold", table: "customer_value", columns: [{ column: "country", type: "string", dataset: "customers" }] },
    ]);
  });

  it("has no governance task when nothing is PII and nothing is filtered", () => {
    const input = exampleInput();
    for (const ds of input.datasets) {
      delete ds.rowFilter;
      for (const c of ds.columns) Object.assign(c, { pii: false, mask: undefined, piiClass: undefined });
    }
    expect(planPipeline(validatePlatform(input)).tasks.map((t) => t.taskKey)).not.toContain("governance");
  });
});

describe("governance functions", () => {
  const functions = new Map(governanceFunctions(platform).map((f) => [f.name, f]));

  it("shows clear values to the PII readers and the job's run-as principal only", () => {
    expect(functions.get("silver.pii_redact_string")?.body).toBe(
      "CASE WHEN (is_account_group_member('customer-care') OR is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') THEN value ELSE '[REDACTED]' END",
    );
  });

  it("keeps only the domain of an e-mail", () => {
    expect(functions.get("silver.pii_email_domain_string")?.body).toContain("ELSE concat('***@', regexp_extract(value, '@([^@]*)$', 1)) END");
  });

  it("lets the allRows principals and the run-as principal see every row, a grant its values only", () => {
    expect(functions.get("silver.row_filter_customers")?.body).toBe(
      "(is_account_group_member('analysts') OR is_account_group_member('customer-care') OR is_account_group_member('data-engineers') OR " +
        "is_account_group_member('platform-admins') OR current_user() = '11111111-2222-3333-4444-555555555555') OR " +
        "(is_account_group_member('sales-benelux') AND `country` IN ('nl', 'be'))",
    );
  });

  it("escapes quotes in filter values", () => {
    const input = exampleInput();
    input.datasets[0].rowFilter!.grants[0].values = ["nl", "c'te d'ivoire"];
    const f = governanceFunctions(validatePlatform(input)).find((x) => x.name === "silver.row_filter_customers");
    expect(f?.body).toContain("`country` IN ('nl', 'c\\'te d\\'ivoire')");
    expect(parses(`SELECT ${f?.body} FROM t`)).toStrictEqual([]);
  });
});

describe("governance statements", () => {
  it("match the golden DDL", () => {
    expect(`${statements.join(";\n")};\n`).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("create every function before any statement that uses it", () => {
    const firstAlter = statements.findIndex((s) => s.startsWith("ALTER"));
    expect(statements.slice(0, firstAlter).every((s) => s.startsWith("CREATE OR REPLACE FUNCTION "))).toBe(true);
    expect(statements.slice(firstAlter).every((s) => s.startsWith("ALTER TABLE "))).toBe(true);
  });

  it("parse as Spark SQL: every SET TAGS and SET MASK statement", () => {
    const tagsAndMasks = governanceTableStatements(governancePlan(withPiiInGold())).filter((s) => / SET (TAGS|MASK) /.test(s.sql));
    expect(tagsAndMasks.length).toBe(16);
    expect(tagsAndMasks.map((s) => [s.sql, parses(s.sql)])).toStrictEqual(tagsAndMasks.map((s) => [s.sql, []]));
  });

  // The grammar (dt-sql-parser 4.5.1, SparkSQL) has no SQL UDF form (CREATE FUNCTION f(x T) RETURNS T
  // RETURN expr) and no SET ROW FILTER clause: the function bodies are parsed as expressions instead,
  // and the row filter statements are checked for their exact shape.
  it("parse as Spark SQL: every function body, as the expression it is", () => {
    const all = governanceFunctions(withPiiInGold());
    expect(all.map((f) => [f.name, parseSparkSql(f.body, "expression").map((e) => e.message)])).toStrictEqual(all.map((f) => [f.name, []]));
  });

  it("apply each row filter with its function over its columns", () => {
    expect(statements.filter((s) => s.includes("ROW FILTER"))).toStrictEqual([
      "ALTER TABLE `silver`.`customers` SET ROW FILTER `silver`.`row_filter_customers` ON (`country`)",
      "ALTER TABLE `silver`.`customers_quarantine` SET ROW FILTER `silver`.`row_filter_customers_quarantine` ON (`country`)",
      "ALTER TABLE `gold`.`customer_value` SET ROW FILTER `gold`.`row_filter_customer_value` ON (`country`)",
    ]);
  });
});

describe("table governance", () => {
  const plan = governancePlan(withPiiInGold());

  it("gives silver and its quarantine their masks and row filters, as schema.function", () => {
    expect(tableGovernance(plan, "silver", "customers")).toStrictEqual({
      masks: { email: "silver.pii_email_domain_string", full_name: "silver.pii_redact_string" },
      row_filter: { function: "silver.row_filter_customers", columns: ["country"] },
    });
    expect(tableGovernance(plan, "silver", "customers_quarantine")).toStrictEqual({
      masks: { email: "silver.pii_email_domain_string", full_name: "silver.pii_redact_string", _rescued_data: "silver.pii_redact_string" },
      row_filter: { function: "silver.row_filter_customers_quarantine", columns: ["country"] },
    });
  });

  it("gives a gold table the masks of the PII values it carries and the row filter of its grouping", () => {
    expect(tableGovernance(plan, "gold", "contacts")).toStrictEqual({
      masks: { email: "gold.pii_email_domain_string", latest_name: "gold.pii_redact_string" },
      row_filter: null,
    });
    expect(tableGovernance(plan, "gold", "customer_value")).toStrictEqual({ masks: {}, row_filter: { function: "gold.row_filter_customer_value", columns: ["country"] } });
  });

  it("leaves bronze (tagged only) and tables without PII or filters ungoverned", () => {
    expect(tableGovernance(plan, "bronze", "customers")).toStrictEqual({ masks: {}, row_filter: null });
    expect(tableGovernance(plan, "silver", "orders")).toStrictEqual({ masks: {}, row_filter: null });
  });

  it("names only functions the setup creates", () => {
    const created = new Set(governanceFunctions(withPiiInGold()).map((f) => f.name));
    const named = ["customers", "customers_quarantine"].map((t) => tableGovernance(plan, "silver", t));
    named.push(tableGovernance(plan, "gold", "contacts"), tableGovernance(plan, "gold", "customer_value"));
    const functions = named.flatMap((g) => [...Object.values(g.masks), ...(g.row_filter ? [g.row_filter.function] : [])]);
    expect(functions.filter((f) => !created.has(f))).toStrictEqual([]);
    expect(functions.length).toBe(10);
  });
});
