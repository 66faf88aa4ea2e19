/**
 * The one Spark SQL parser of the platform (dt-sql-parser's SparkSQL: DTStack's ANTLR4 grammar of
 * Spark SQL 3.x). A fragment is parsed in the grammar position the generated code puts it, so a
 * message points into the fragment itself, not into a wrapper statement.
 */
import type { SparkSQL } from "dt-sql-parser/dist/parser/spark";
import { isKnownValid, rememberValid } from "./cache";

/**
 * Where a fragment is used:
 * - `boolean`: a predicate (quality rule expressions, gold filters: WHERE position)
 * - `expression`: a value (derived columns)
 * - `statement`: one or more complete statements (generated DDL)
 */
export type SqlFragmentKind = "boolean" | "expression" | "statement";

/** One syntax error, positioned in the fragment (1-based line and column). */
export interface SqlSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

let parser: SparkSQL | undefined;
// Loaded on first use (about a second with its warm-up), and only for fragments the cache lacks.
function spark(): SparkSQL {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= new (require("dt-sql-parser/dist/parser/spark") as typeof import("dt-sql-parser/dist/parser/spark")).SparkSQL();
  return parser;
}

const EOF = -1;

/** Statement text whose second line on is the fragment, in the position the fragment takes. */
const WRAPPER: Record<Exclude<SqlFragmentKind, "statement">, string> = { boolean: "SELECT * FROM t WHERE\n", expression: "SELECT\n" };

function collect(text: string, run: (p: ReturnType<SparkSQL["createParser"]>) => unknown): { errors: SqlSyntaxError[]; next: { type: number; line: number; column: number; text?: string | null } | null } {
  const errors: SqlSyntaxError[] = [];
  const p = spark().createParser(text, (e) => errors.push({ line: e.startLine, column: e.startColumn, message: e.message }));
  run(p);
  return { errors, next: p.tokenStream.LT(1) };
}

/** Parses `text` as a Spark SQL fragment of the given kind; returns its first syntax error (none when it parses). */
export function parseSparkSql(text: string, kind: SqlFragmentKind): SqlSyntaxError[] {
  const key = `${kind}:${text}`;
  if (isKnownValid(key)) return [];
  const errors = parse(text, kind);
  if (errors.length === 0) rememberValid(key);
  return errors;
}

function parse(text: string, kind: SqlFragmentKind): SqlSyntaxError[] {
  if (kind === "statement") return collect(text, (p) => p.program()).errors.slice(0, 1);
  const { errors, next } = collect(text, (p) => (kind === "boolean" ? p.booleanExpression() : p.expression()));
  // After the first error ANTLR's recovery reports follow-on noise.
  if (errors.length > 0) return errors.slice(0, 1);
  if (!next || next.type === EOF) return [];
  // The rule stopped before the end. The fragment inside its statement tells why, when the
  // statement fails within the fragment; else what follows is another clause (GROUP BY, UNION).
  const wrapped = collect(WRAPPER[kind] + text, (p) => p.program()).errors.find((e) => e.line > 1);
  if (wrapped) return [{ ...wrapped, line: wrapped.line - 1 }];
  const what = kind === "boolean" ? "a boolean expression" : "an expression";
  return [{ line: next.line, column: next.column + 1, message: `'${next.text}' cannot continue ${what}: the fragment must be one ${kind === "boolean" ? "predicate" : "expression"}` }];
}

/** "line 1, column 7" for one-line fragments as "column 7". */
export const formatSqlPosition = (e: SqlSyntaxError, text: string) =>
  text.includes("\n") ? `line ${e.line}, column ${e.column}` : `column ${e.column}`;
