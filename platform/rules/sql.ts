import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { formatSqlPosition, parseSparkSql, type SqlFragmentKind } from "../syntax/sql";
import type { SpecRule } from "./rule";

const EXPECTED: Record<Exclude<SqlFragmentKind, "statement">, string> = {
  boolean: 'a Spark SQL boolean expression, e.g. "unit_price >= 0 AND status <> \'cancelled\'"',
  expression: 'a Spark SQL expression, e.g. "quantity * unit_price"',
};

function check(text: string, kind: Exclude<SqlFragmentKind, "statement">, path: string): Problem[] {
  return parseSparkSql(text, kind).map((e) => ({
    path,
    value: text,
    message: `Spark SQL syntax error at ${formatSqlPosition(e, text)}: ${e.message === "Statement is incomplete" ? "the fragment ends early" : e.message}; expected ${EXPECTED[kind]}`,
  }));
}

/** Every SQL fragment of the spec parses in the position the generated code puts it (Spark would fail the run with PARSE_SYNTAX_ERROR). */
export const sqlRules: SpecRule = (p: Platform) => [
  ...p.datasets.flatMap((ds, i) => [
    ...ds.quality.rules.flatMap((r, j) =>
      r.expect === "expect_sql_expression_to_be_true" ? check(r.expression, "boolean", `datasets[${i}].quality.rules[${j}].expression`) : [],
    ),
    ...ds.transformations.flatMap((t, j) => (t.kind === "derive" ? check(t.expression, "expression", `datasets[${i}].transformations[${j}].expression`) : [])),
  ]),
  ...p.gold.flatMap((g, i) => (g.filter === undefined ? [] : check(g.filter, "boolean", `gold[${i}].filter`))),
];
