/**
 * The DR table sync's notebook: one incremental DEEP CLONE per table the primary's job writes, from the share's catalog
 * into the secondary's, byte for byte against __tests__/jobs/__golden__/table_sync.sql. UPDATE_GOLDEN=1 rewrites it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { cloneStatements, syncedTables, tableSyncNotebook } from "../../jobs/table-sync";
import { awsEnv, platform } from "../fixtures/platform";

const GOLDEN = path.join(__dirname, "__golden__", "table_sync.sql");
const prod = awsEnv("prod");
const notebook = tableSyncNotebook(platform, prod, "rtl_prod_primary", "rtl_proddr");
if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, notebook);

describe("the table sync notebook", () => {
  it("matches its golden file", () => {
    expect(notebook).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("clones every bronze, silver and gold table, bronze first, and nothing else", () => {
    expect(syncedTables(platform, prod)).toStrictEqual([
      ["bronze", "customers"], ["bronze", "orders"], ["bronze", "payments"], ["bronze", "products"],
      ["silver", "customers"], ["silver", "customers_quarantine"], ["silver", "orders"], ["silver", "orders_quarantine"],
      ["silver", "payments"], ["silver", "payments_quarantine"], ["silver", "products"], ["silver", "products_quarantine"], ["silver", "quality_results"],
      ["gold", "customer_value"], ["gold", "daily_sales"], ["gold", "payment_mix"],
      // Prod validates silver with Great Expectations: its results table is synced too.
      ["silver", "expectation_results"],
    ]);
  });

  it("writes each as CREATE OR REPLACE TABLE ... DEEP CLONE, which Databricks runs incrementally", () => {
    const statements = cloneStatements(platform, prod, "rtl_prod_primary", "rtl_proddr");
    expect(statements[0]).toBe("CREATE OR REPLACE TABLE rtl_proddr.bronze.customers DEEP CLONE rtl_prod_primary.bronze.customers;");
    expect(statements.every((s) => /^CREATE OR REPLACE TABLE rtl_proddr\.(bronze|silver|gold)\.\w+ DEEP CLONE rtl_prod_primary\.\1\.\w+;$/.test(s))).toBe(true);
  });

  it("is a SQL notebook with one statement per cell", () => {
    const cells = notebook.split("\n\n-- COMMAND ----------\n\n");
    expect(notebook.startsWith("-- Databricks notebook source\n-- MAGIC %md\n")).toBe(true);
    expect(cells.length).toBe(1 + syncedTables(platform, prod).length);
  });

  it("leaves out the Great Expectations results where the primary does not validate with GX", () => {
    const notValidating = { ...prod, greatExpectations: { ...prod.greatExpectations, validate: false } };
    expect(syncedTables(platform, notValidating).map(([, t]) => t)).not.toContain("expectation_results");
    expect(syncedTables(platform, notValidating).length).toBe(syncedTables(platform, prod).length - 1);
  });
});
