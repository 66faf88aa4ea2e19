/**
 * The rules silver evaluates per row, as Spark Column expressions that are true when a row FAILS:
 * built-in ones first (types, parse errors, unexpected columns, keys and non-nullable columns),
 * then the spec's, each under the name quarantine and the quality results report.
 * Like Great Expectations, column rules let nulls pass (only not-null fails them); a SQL
 * expression rule fails unless the expression is true.
 */
import * as naming from "../naming/pipeline";
import type { DatasetSpec, QualityRuleSpec } from "../platform";
import { pyLit, pyStr } from "./python";
import { landingType } from "./tables";

export interface RowRule {
  readonly name: string;
  /** A Python expression over the standardised rows: a Column, true when the row fails. */
  readonly failsWhen: string;
}

const col = (name: string) => `F.col(${pyStr(name)})`;

/** The flag column that marks a value shared by more than one key (see the silver notebook). */
export const notUniqueFlag = (column: string) => `_not_unique_${column}`;

function specRule(rule: QualityRuleSpec): string {
  switch (rule.expect) {
    case "expect_column_values_to_not_be_null":
      return `${col(rule.column)}.isNull()`;
    case "expect_column_values_to_be_unique":
      return col(notUniqueFlag(rule.column));
    case "expect_column_values_to_be_between": {
      const bounds = [
        ...(rule.min !== undefined ? [`(${col(rule.column)} < ${rule.min})`] : []),
        ...(rule.max !== undefined ? [`(${col(rule.column)} > ${rule.max})`] : []),
      ];
      return bounds.join(" | ");
    }
    case "expect_column_values_to_be_in_set":
      return `~${col(rule.column)}.isin(${rule.valueSet.map(pyLit).join(", ")})`;
    case "expect_column_values_to_match_regex":
      return `~${col(rule.column)}.rlike(${pyStr(rule.regex)})`;
    case "expect_sql_expression_to_be_true":
      return `~F.coalesce(F.expr(${pyStr(rule.expression)}), F.lit(False))`;
  }
}

export function rowRules(ds: DatasetSpec): RowRule[] {
  const typed = ds.columns
    .filter((c) => c.type !== "string")
    .map((c) => ({
      name: naming.typeRuleName(c.name),
      // A text value that does not cast; or, for typed sources, a value the reader had to rescue.
      failsWhen:
        landingType(ds, c) === "string"
          ? `F.col(${pyStr(`_bronze.${c.name}`)}).isNotNull() & ${col(c.name)}.isNull()`
          : `F.col("_rescued")[${pyStr(c.name)}].isNotNull()`,
    }));
  const wellFormed =
    ds.source.format === "parquet" ? [] : [{ name: naming.WELL_FORMED_RULE, failsWhen: "F.col(\"_rescued\")[CORRUPT_COLUMN].isNotNull()" }];
  const columnSet =
    ds.schemaEvolution === "fail"
      ? [{ name: naming.COLUMN_SET_RULE, failsWhen: 'F.exists(F.map_keys("_rescued"), lambda key: ~key.isin(*RESCUE_KEYS))' }]
      : [];
  const explicitNotNull = new Set(
    ds.quality.rules.flatMap((r) => (r.expect === "expect_column_values_to_not_be_null" ? [r.column] : [])),
  );
  const required = ds.columns
    .filter((c) => (ds.primaryKey.includes(c.name) || !c.nullable) && !explicitNotNull.has(c.name))
    .map((c) => ({ name: naming.notNullRuleName(c.name), failsWhen: `${col(c.name)}.isNull()` }));
  const spec = ds.quality.rules.map((r) => ({ name: naming.ruleName(r), failsWhen: specRule(r) }));
  return [...typed, ...wellFormed, ...columnSet, ...required, ...spec];
}

/** Columns whose uniqueness silver checks (against the batch and the rest of silver). */
export const uniqueColumns = (ds: DatasetSpec): string[] =>
  ds.quality.rules.flatMap((r) => (r.expect === "expect_column_values_to_be_unique" ? [r.column] : []));
