/**
 * The example platform's governance DDL as JSON on stdout: each function's statement, and which
 * function masks which column and filters which table. The pytest suite runs these very statements
 * on local Spark to test the mask and filter logic over the sample data.
 */
import { retailPlatform } from "../examples/retail";
import { governanceFunctions, governancePlan } from "../jobs/governance-sql";
import { maskFunctionName, rowFilterFunctionName } from "../naming/governance";
import { validatePlatform } from "../platform";

const platform = validatePlatform(retailPlatform);
const plan = governancePlan(platform);
const out = {
  functions: governanceFunctions(platform, plan).map((f) => ({ name: f.name, sql: f.sql })),
  masks: plan.columns.flatMap((c) =>
    c.mask ? [{ table: `${c.layer}.${c.table}`, column: c.column, mask: c.mask, function: `${c.layer}.${maskFunctionName(c.mask, c.type)}` }] : [],
  ),
  rowFilters: plan.rowFilters.map((t) => ({
    table: `${t.layer}.${t.table}`,
    function: `${t.layer}.${rowFilterFunctionName(t.table)}`,
    columns: t.columns.map((c) => c.column),
  })),
  rowFilterGrants: Object.fromEntries(platform.datasets.flatMap((ds) => (ds.rowFilter ? [[ds.name, ds.rowFilter]] : []))),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
