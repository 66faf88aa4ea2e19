import type { DatasetSpec, Platform } from "../schema";
import type { Problem } from "../problem";
import { silverColumns } from "../columns";
import { didYouMean } from "../suggest";
import { duplicates, type SpecRule } from "./rule";

const STRING_ONLY = new Set(["trim", "lowercase", "uppercase"]);

function checkDataset(ds: DatasetSpec, at: string): Problem[] {
  const problems: Problem[] = [];
  const types = new Map(ds.columns.map((c) => [c.name, c.type]));
  // Silver evaluates rules after deriving, so a rule may check a derived column.
  const silver = new Set(silverColumns(ds).map((c) => c.name));
  const mustExist = (name: string, path: string, role: string, names: ReadonlySet<string> = new Set(types.keys())) => {
    if (!names.has(name)) problems.push({ path, value: name, message: `${role} must be one of the dataset's ${names === silver ? "silver " : ""}columns: ${[...names].join(", ")}${didYouMean(name, names)}` });
  };

  problems.push(...duplicates(ds.columns, (c) => c.name, (i) => `${at}.columns[${i}].name`, "column names"));
  ds.columns.forEach((c, i) => {
    const m = /^decimal\((\d+),(\d+)\)$/.exec(c.type);
    if (m && (Number(m[1]) < 1 || Number(m[1]) > 38 || Number(m[2]) > Number(m[1]))) {
      problems.push({ path: `${at}.columns[${i}].type`, value: c.type, message: "decimal(p,s) needs 1 <= p <= 38 and s <= p" });
    }
  });
  ds.primaryKey.forEach((k, i) => mustExist(k, `${at}.primaryKey[${i}]`, "a primary key column"));
  mustExist(ds.orderingColumn, `${at}.orderingColumn`, "the ordering column");

  const ruleNames: string[] = [];
  ds.quality.rules.forEach((rule, i) => {
    const rp = `${at}.quality.rules[${i}]`;
    if ("column" in rule) mustExist(rule.column, `${rp}.column`, "a rule's column", silver);
    if (rule.expect === "expect_column_values_to_be_between") {
      if (rule.min === undefined && rule.max === undefined) {
        problems.push({ path: rp, value: rule, message: "needs min, max or both" });
      } else if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
        problems.push({ path: `${rp}.min`, value: rule.min, message: `min must be <= max (${rule.max})` });
      }
    }
    if (rule.name) ruleNames.push(rule.name);
  });
  problems.push(...duplicates(ruleNames, (n) => n, () => `${at}.quality.rules`, "rule names"));

  ds.transformations.forEach((t, i) => {
    const tp = `${at}.transformations[${i}]`;
    if (t.kind === "derive") {
      if (types.has(t.column)) {
        problems.push({ path: `${tp}.column`, value: t.column, message: "a derived column must not reuse an existing column name" });
      }
      types.set(t.column, t.type);
      return;
    }
    t.columns.forEach((c, j) => {
      mustExist(c, `${tp}.columns[${j}]`, `a ${t.kind} column`);
      if (STRING_ONLY.has(t.kind) && types.has(c) && types.get(c) !== "string") {
        problems.push({ path: `${tp}.columns[${j}]`, value: c, message: `${t.kind} applies to string columns only; "${c}" is ${types.get(c)}` });
      }
    });
  });
  return problems;
}

/** Keys, ordering column, rule and transformation columns exist; names are unique. */
export const datasetRules: SpecRule = (p: Platform) => [
  ...duplicates(p.datasets, (d) => d.name, (i) => `datasets[${i}].name`, "dataset names"),
  ...p.datasets.flatMap((ds, i) => checkDataset(ds, `datasets[${i}]`)),
];
