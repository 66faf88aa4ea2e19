/** Python and Spark SQL literals for the emitters: one place that quotes and escapes. */

/** A Python string literal. JSON's escapes (\" \\ \n \uXXXX) are valid Python escapes. */
export const pyStr = (s: string): string => JSON.stringify(s);

/** A Python number or string literal. */
export const pyLit = (v: string | number): string => (typeof v === "number" ? String(v) : pyStr(v));

/** An f-string over the notebook's constants, e.g. f"{CATALOG}.silver.orders". Braces are ours only. */
export const pyFStr = (s: string): string => `f${pyStr(s)}`;

/** A Python identifier for a widget's constant: run_id -> RUN_ID. */
export const constName = (widget: string): string => widget.toUpperCase();

/** A Spark SQL identifier, back-quoted so any column name is safe. */
export const sqlIdent = (name: string): string => `\`${name.replace(/`/g, "``")}\``;
