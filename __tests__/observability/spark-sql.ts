/**
 * Parses Spark SQL with dt-sql-parser's SparkSQL grammar, as the spec validation does. The lead
 * points this at the shared helper in platform/sql/ at merge.
 */
import { SparkSQL } from "dt-sql-parser";

const parser = new SparkSQL();

/** The parser's error messages for `sql`; empty when it parses. */
export const sparkSqlErrors = (sql: string): string[] => parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
