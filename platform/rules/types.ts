import type { DatasetSpec, GoldAggregateSpec, Platform, QualityRuleSpec } from "../schema";
import type { Problem } from "../problem";
import { silverColumns } from "../columns";
import { comparable, isNumeric, isOrderable, typeFamily } from "../types";
import type { SpecRule } from "./rule";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

function checkOrdering(ds: DatasetSpec, at: string): Problem[] {
  const index = ds.columns.findIndex((c) => c.name === ds.orderingColumn);
  if (index < 0) return []; // the dataset rules report an unknown column
  const c = ds.columns[index];
  if (!isOrderable(c.type)) {
    return [{ path: `${at}.orderingColumn`, value: ds.orderingColumn, message: `"latest wins" needs a date, timestamp or numeric column; "${c.name}" is ${c.type}` }];
  }
  return c.nullable
    ? [{ path: `${at}.columns[${index}].nullable`, value: true, message: `the ordering column "${c.name}" must be non-null: set nullable: false (a row without an ordering value cannot be ordered, so silver quarantines it)` }]
    : [];
}

function checkRule(rule: QualityRuleSpec, type: string | undefined, rp: string): Problem[] {
  if (type === undefined || !("column" in rule)) return [];
  const column = rule.column;
  switch (rule.expect) {
    case "expect_column_values_to_be_between":
      return isNumeric(type)
        ? []
        : [{ path: `${rp}.column`, value: column, message: `range bounds apply to numeric columns (int, bigint, double, float, decimal); "${column}" is ${type}: use expect_sql_expression_to_be_true for it` }];
    case "expect_column_values_to_match_regex":
      return type === "string" ? [] : [{ path: `${rp}.column`, value: column, message: `a regex applies to string columns; "${column}" is ${type}` }];
    case "expect_column_values_to_be_in_set":
      return rule.valueSet.flatMap((v, k) => {
        const ok =
          typeFamily(type) === "string" ? typeof v === "string"
          : typeFamily(type) === "integral" ? Number.isInteger(v)
          : typeFamily(type) === "fractional" ? typeof v === "number"
          : typeFamily(type) === "date" ? typeof v === "string" && ISO_DATE.test(v)
          : false;
        const expected =
          typeFamily(type) === "string" ? "strings" : typeFamily(type) === "integral" ? "integers" : typeFamily(type) === "fractional" ? "numbers" : typeFamily(type) === "date" ? 'ISO dates ("2024-01-31")' : "nothing: use expect_column_values_to_not_be_null or a SQL expression for a boolean";
        return ok ? [] : [{ path: `${rp}.valueSet[${k}]`, value: v, message: `"${column}" is ${type}, so its set holds ${expected}` }];
      });
    default:
      return [];
  }
}

function checkDataset(ds: DatasetSpec, at: string): Problem[] {
  const types = new Map(silverColumns(ds).map((c) => [c.name, c.type]));
  return [
    ...checkOrdering(ds, at),
    ...ds.quality.rules.flatMap((r, j) => checkRule(r, "column" in r ? types.get(r.column) : undefined, `${at}.quality.rules[${j}]`)),
  ];
}

/** The type of a gold column reference, or undefined when it does not resolve (the gold rules report it). */
function typeOf(ref: string, inQuery: ReadonlyArray<DatasetSpec>): string | undefined {
  const [dsName, col] = ref.includes(".") ? ref.split(".") : [undefined, ref];
  const owners = inQuery.filter((d) => dsName === undefined || d.name === dsName);
  const types = owners.flatMap((d) => silverColumns(d).filter((c) => c.name === col).map((c) => c.type));
  return types.length === 1 ? types[0] : undefined;
}

function checkAggregate(g: GoldAggregateSpec, at: string, p: Platform): Problem[] {
  const byName = new Map(p.datasets.map((d) => [d.name, d]));
  const inputs = [g.from, ...g.joins.map((j) => j.dataset)].map((n) => byName.get(n)).filter((d): d is DatasetSpec => d !== undefined);
  const problems: Problem[] = [];
  g.joins.forEach((j, i) =>
    j.on.forEach((cond, k) => {
      const left = typeOf(cond.left, inputs.slice(0, i + 1));
      const right = typeOf(cond.right.includes(".") ? cond.right : `${j.dataset}.${cond.right}`, inputs);
      if (left && right && !comparable(left, right)) {
        problems.push({ path: `${at}.joins[${i}].on[${k}]`, value: cond, message: `join keys must have comparable types: ${cond.left} is ${left}, ${cond.right} is ${right}` });
      }
    }),
  );
  g.measures.forEach((m, i) => {
    const type = m.column ? typeOf(m.column, inputs) : undefined;
    if (type && (m.fn === "sum" || m.fn === "avg") && !isNumeric(type)) {
      problems.push({ path: `${at}.measures[${i}].fn`, value: m.fn, message: `${m.fn} needs a numeric column; ${m.column} is ${type}: use count, count_distinct, min or max` });
    }
  });
  return problems;
}

/** Types meet roles: ordering columns order, rule bounds and sets fit the column, measures and join keys fit their types. */
export const typeRules: SpecRule = (p: Platform) => [
  ...p.datasets.flatMap((ds, i) => checkDataset(ds, `datasets[${i}]`)),
  ...p.gold.flatMap((g, i) => checkAggregate(g, `gold[${i}]`, p)),
];
