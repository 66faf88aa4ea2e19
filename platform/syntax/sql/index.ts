export { formatSqlPosition, parseSparkSql, type SqlFragmentKind, type SqlSyntaxError } from "./parse";
