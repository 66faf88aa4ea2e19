/**
 * The rules silver evaluates per row, as data the runtime compiles (runtime/.../rules.py):
 * built-in ones first (types, malformed lines, unexpected columns, keys, non-nullable columns and
 * the ordering column), then the spec's, each under the name quarantine and the quality results report.
 */
import * as naming from "../naming/pipeline";
import type { DatasetSpec, QualityRuleSpec } from "../platform";

/**
 * One rule per kind, as the runtime types it (runtime/.../config.py, `Rule`); `name` is what
 * quarantine's _failed_rules and the quality results report.
 */
export type RowRule =
  | { readonly name: string; readonly kind: "type"; readonly column: string }
  | { readonly name: string; readonly kind: "well_formed" }
  | { readonly name: string; readonly kind: "column_set" }
  | { readonly name: string; readonly kind: "not_null"; readonly column: string }
  | { readonly name: string; readonly kind: "unique"; readonly column: string }
  | { readonly name: string; readonly kind: "between"; readonly column: string; readonly min?: number; readonly max?: number }
  | { readonly name: string; readonly kind: "in_set"; readonly column: string; readonly values: ReadonlyArray<string | number> }
  | { readonly name: string; readonly kind: "regex"; readonly column: string; readonly regex: string }
  | { readonly name: string; readonly kind: "sql"; readonly expression: string };

function specRule(rule: QualityRuleSpec): RowRule {
  const name = naming.ruleName(rule);
  switch (rule.expect) {
    case "expect_column_values_to_not_be_null":
      return { name, kind: "not_null", column: rule.column };
    case "expect_column_values_to_be_unique":
      return { name, kind: "unique", column: rule.column };
    case "expect_column_values_to_be_between":
      return { name, kind: "between", column: rule.column, min: rule.min, max: rule.max };
    case "expect_column_values_to_be_in_set":
      return { name, kind: "in_set", column: rule.column, values: rule.valueSet };
    case "expect_column_values_to_match_regex":
      return { name, kind: "regex", column: rule.column, regex: rule.regex };
    case "expect_sql_expression_to_be_true":
      return { name, kind: "sql", expression: rule.expression };
  }
}

export function rowRules(ds: DatasetSpec): RowRule[] {
  const typed = ds.columns.filter((c) => c.type !== "string").map((c): RowRule => ({ name: naming.typeRuleName(c.name), kind: "type", column: c.name }));
  const wellFormed: RowRule[] = ds.source.format === "parquet" ? [] : [{ name: naming.WELL_FORMED_RULE, kind: "well_formed" }];
  const columnSet: RowRule[] = ds.schemaEvolution === "fail" ? [{ name: naming.COLUMN_SET_RULE, kind: "column_set" }] : [];
  const explicitNotNull = new Set(ds.quality.rules.flatMap((r) => (r.expect === "expect_column_values_to_not_be_null" ? [r.column] : [])));
  // A row without an ordering value cannot be placed among its key's versions: quarantined, never merged.
  const required = ds.columns
    .filter((c) => (ds.primaryKey.includes(c.name) || !c.nullable || c.name === ds.orderingColumn) && !explicitNotNull.has(c.name))
    .map((c): RowRule => ({ name: naming.notNullRuleName(c.name), kind: "not_null", column: c.name }));
  return [...typed, ...wellFormed, ...columnSet, ...required, ...ds.quality.rules.map(specRule)];
}

