/**
 * Words the generated SQL cannot take as a bare identifier. The generated code writes names
 * unquoted (column lists, aliases, CLUSTER BY, expressions), so such a name is rejected with the
 * reason instead: Spark's ANSI-mode reserved keywords (Databricks SQL runs in ANSI mode), and the
 * words that read as a literal or a niladic function when bare (null, true, current_date), where a
 * column of that name would silently read the wrong value.
 */
export const SPARK_RESERVED: ReadonlySet<string> = new Set([
  "all", "and", "any", "anti", "as", "authorization", "both", "case", "cast", "check", "collate", "column", "constraint",
  "create", "cross", "current_catalog", "current_database", "current_date", "current_schema", "current_time",
  "current_timestamp", "current_user", "default", "distinct", "else", "end", "escape", "except", "false", "fetch",
  "filter", "for", "foreign", "from", "full", "grant", "group", "having", "in", "inner", "intersect", "interval",
  "into", "is", "join", "lateral", "leading", "left", "minus", "natural", "not", "null", "offset", "on", "only", "or",
  "order", "outer", "overlaps", "primary", "references", "right", "select", "semi", "session_user", "some", "table",
  "then", "time", "to", "trailing", "true", "union", "unique", "unknown", "user", "using", "when", "where", "with",
]);
