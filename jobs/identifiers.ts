/**
 * Names as the generated SQL writes them: every identifier back-quoted, so any name the spec
 * accepts is safe in any position, a reserved word such as `order` or `select` included, and a
 * backtick inside a name is doubled (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-identifiers).
 * The runtime quotes the same way (lakehouse_runtime.tables.ident).
 */
export const ident = (name: string): string => `\`${name.replace(/`/g, "``")}\``;

/** A dotted name ("schema.table", "dataset.column") with each part quoted. */
export const qualifiedIdent = (dotted: string): string => dotted.split(".").map(ident).join(".");
