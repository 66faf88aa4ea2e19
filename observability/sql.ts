/** Small helpers for the SQL the alerts and the dashboard run: literals and unions, nothing clever. */

/** A Spark SQL string literal. */
export const sqlStr = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** A list of string literals for IN (...). */
export const sqlList = (values: ReadonlyArray<string>) => values.map(sqlStr).join(", ");

/** One SELECT per item, UNION ALL'ed, each on its own line so the query reads as a table. */
export const unionAll = (selects: ReadonlyArray<string>) => selects.join("\nUNION ALL\n");

/** Indents every line of a block, for subqueries inside a WITH. */
export const indent = (sql: string, by = "  ") => sql.split("\n").map((line) => by + line).join("\n");

/**
 * The one row every alert query ends with: how many things breach (the alert fires above 0) and
 * which, for the notification. An aggregate without GROUP BY returns a row even when none breach.
 */
export const breachesRow = (from: string, label: string) =>
  `SELECT count(*) AS breaches, concat_ws(', ', collect_list(${label})) AS details\nFROM ${from}`;
