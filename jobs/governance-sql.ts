/**
 * The governance DDL, from the spec: Unity Catalog tags on every PII column, a column mask on it
 * wherever readers meet it (silver, quarantine, every gold column derived from it), and row filters.
 * Table names are schema.table: the governance tasks run them inside the environment's catalog
 * (USE CATALOG), so the statements are the same for every environment.
 *
 * The masks and filters are also each governed table's definition (tableGovernance): the runtime
 * creates the table with them, so no version of it is readable unmasked; the governance task after
 * the pipeline tags the columns, re-applies the masks and filters and drops those the spec lost.
 *
 * Bronze columns are tagged but not masked: silver streams bronze's change feed, which Unity Catalog
 * does not serve from a table with masks. Bronze is readable by engineers and the pipeline only.
 */
import * as naming from "../naming";
import {
  GOVERNANCE_TASK_KEY,
  maskFunctionName,
  PII_CLASS_TAG,
  PII_TAG,
  DEFAULT_PII_CLASS,
  rowFilterFunctionName,
} from "../naming/governance";
import { type ColumnSpec, type DatasetSpec, type MaskKind, type Platform, type PrincipalSpec, resolveColumn, silverColumns, TABLE_LAYERS, type TableLayer } from "../platform";
import { goldInputs, outputName } from "./gold-query";
import { ident, qualifiedIdent } from "./identifiers";
import { landingType, sqlType } from "./tables";

export { GOVERNANCE_TASK_KEY };

/**
 * The quarantine's copy of bronze's rescued data: values that did not cast and a malformed line's
 * text, PII included. It is masked (redact) in the quarantine of every dataset with a PII column.
 */
export const RESCUED_DATA_COLUMN = "_rescued_data";

/** One PII column of one table, as governance tags and masks it. */
export interface GovernedColumn {
  readonly layer: TableLayer;
  readonly table: string;
  readonly column: string;
  /** The column's Spark SQL type in that table (lower case, as the spec spells it). */
  readonly type: string;
  /** The mask readers without the PII permission see; none on bronze (tagged only). */
  readonly mask?: MaskKind;
  readonly piiClass: string;
  /** The dataset column it carries: "customers.email". */
  readonly source: string;
}

/** One table's row filter: the filter columns it takes, each from a dataset's rowFilter. */
export interface RowFilteredTable {
  readonly layer: TableLayer;
  readonly table: string;
  readonly columns: ReadonlyArray<{ readonly column: string; readonly type: string; readonly dataset: string }>;
}

export interface GovernancePlan {
  readonly columns: ReadonlyArray<GovernedColumn>;
  readonly rowFilters: ReadonlyArray<RowFilteredTable>;
}

/** The mask a PII column gets: the spec's, else redact for strings and null for anything else. */
export const maskOf = (c: ColumnSpec): MaskKind => c.mask ?? (c.type === "string" ? "redact" : "null");

/** Every PII column in every table it reaches, and every row-filtered table, in a stable order. */
/**
 * The platform's governance plan, computed once per validated platform: every notebook, the access model
 * and the dbt project ask for it per table, which made a 1000-dataset synth quadratic.
 */
export function governancePlan(platform: Platform): GovernancePlan {
  let plan = plans.get(platform);
  if (!plan) {
    plan = computeGovernancePlan(platform);
    plans.set(platform, plan);
  }
  return plan;
}
const plans = new WeakMap<Platform, GovernancePlan>();

function computeGovernancePlan(platform: Platform): GovernancePlan {
  const columns: GovernedColumn[] = [];
  const rowFilters: RowFilteredTable[] = [];
  const governed = (layer: TableLayer, table: string, ds: DatasetSpec, c: ColumnSpec, type: string, masked: boolean, column = c.name) =>
    columns.push({ layer, table, column, type, ...(masked ? { mask: maskOf(c) } : {}), piiClass: c.piiClass ?? DEFAULT_PII_CLASS, source: `${ds.name}.${c.name}` });

  for (const ds of platform.datasets) {
    const pii = ds.columns.filter((x) => x.pii);
    for (const c of pii) {
      governed("bronze", naming.bronzeTable(ds), ds, c, landingType(ds, c), false);
      governed("silver", naming.quarantineTable(ds), ds, c, landingType(ds, c), true);
    }
    if (pii.length > 0) {
      const source = `${ds.name}.${RESCUED_DATA_COLUMN}`;
      columns.push({ layer: "silver", table: naming.quarantineTable(ds), column: RESCUED_DATA_COLUMN, type: "string", mask: "redact", piiClass: DEFAULT_PII_CLASS, source });
    }
    for (const c of silverColumns(ds).filter((x) => x.pii)) governed("silver", naming.silverTable(ds), ds, c, c.type, true);
    const filter = ds.rowFilter;
    const filterColumn = filter && silverColumns(ds).find((c) => c.name === filter.column);
    if (filterColumn) {
      const on = (type: string) => [{ column: filterColumn.name, type, dataset: ds.name }];
      rowFilters.push({ layer: "silver", table: naming.silverTable(ds), columns: on(filterColumn.type) });
      // Quarantine keeps the raw row: the landing type, and only when the column comes from landing.
      if (ds.columns.includes(filterColumn)) rowFilters.push({ layer: "silver", table: naming.quarantineTable(ds), columns: on(landingType(ds, filterColumn)) });
    }
  }

  const byName = new Map(platform.datasets.map((ds) => [ds.name, ds]));
  const silver = new Map(platform.datasets.map((ds) => [ds.name, silverColumns(ds)]));
  for (const g of platform.gold) {
    const inputs = goldInputs(g);
    const owner = (ref: string) => {
      const found = resolveColumn(ref, inputs, silver);
      const ds = found && byName.get(found.dataset);
      return found && ds ? { column: found.column, ds } : undefined;
    };
    // Group-by columns and min/max carry their input's values; counts, sums and averages do not.
    const carried = [
      ...g.groupBy.map((ref) => ({ ref, output: outputName(ref) })),
      ...g.measures.filter((m) => m.column && (m.fn === "min" || m.fn === "max")).map((m) => ({ ref: m.column as string, output: m.name })),
    ];
    for (const { ref, output } of carried) {
      const found = owner(ref);
      if (found?.column.pii) governed("gold", naming.goldTable(g), found.ds, found.column, found.column.type, true, output);
    }
    const filtered = g.groupBy.flatMap((ref) => {
      const found = owner(ref);
      return found && found.ds.rowFilter?.column === found.column.name
        ? [{ column: outputName(ref), type: found.column.type, dataset: found.ds.name }]
        : [];
    });
    if (filtered.length > 0) rowFilters.push({ layer: "gold", table: naming.goldTable(g), columns: filtered });
  }
  const order = (x: { layer: TableLayer; table: string }) => `${TABLE_LAYERS.indexOf(x.layer)}:${x.table}`;
  const byTable = <T extends { layer: TableLayer; table: string }>(a: T, b: T) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0);
  return { columns: columns.sort(byTable), rowFilters: rowFilters.sort(byTable) };
}

// ---- SQL -------------------------------------------------------------------------------------

/** A Spark SQL string literal. */
export const sqlStr = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const sqlLit = (v: string | number) => (typeof v === "number" ? String(v) : sqlStr(v));

/**
 * Whether the querying identity is one of the principals: account groups by membership, service
 * principals by their application id, which is what current_user() returns for them.
 */
export function memberOf(principals: ReadonlyArray<PrincipalSpec>): string {
  const tests = [...principals]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => (p.type === "group" ? `is_account_group_member(${sqlStr(p.name)})` : `current_user() = ${sqlStr(p.applicationId ?? p.name)}`));
  return tests.length === 1 ? tests[0] : `(${tests.join(" OR ")})`;
}

/** Who sees PII in clear: the principals with the PII permission, and the job's run-as principal. */
export const piiReaders = (platform: Platform): PrincipalSpec[] =>
  platform.access.principals.filter((p) => p.pii === true || p.name === platform.access.jobRunAs);

/** What a masked value reads as, over the parameter `value`. */
export function maskedValue(mask: MaskKind, type: string): string {
  switch (mask) {
    case "redact":
      return "'[REDACTED]'";
    case "hash":
      return "sha2(value, 256)";
    case "email_domain":
      // Only the part after the last "@"; a value without one reveals nothing.
      return "concat('***@', regexp_extract(value, '@([^@]*)$', 1))";
    case "last4":
      return "CASE WHEN length(value) > 4 THEN concat('***', right(value, 4)) ELSE '***' END";
    case "null":
      return `CAST(NULL AS ${sqlType(type)})`;
  }
}

/** The body (RETURN expression) of a mask function: clear for PII readers, masked for everyone else. */
export const maskBody = (platform: Platform, mask: MaskKind, type: string) =>
  `CASE WHEN ${memberOf(piiReaders(platform))} THEN value ELSE ${maskedValue(mask, type)} END`;

/** The body of a row filter over its columns: all rows for the allRows principals, the granted values for the others. */
export function rowFilterBody(platform: Platform, filtered: RowFilteredTable): string {
  const principals = new Map(platform.access.principals.map((p) => [p.name, p]));
  const pick = (names: ReadonlyArray<string>) => names.flatMap((n) => principals.get(n) ?? []);
  const runAs = principals.get(platform.access.jobRunAs);
  const perColumn = filtered.columns.map(({ column, dataset }) => {
    const filter = platform.datasets.find((ds) => ds.name === dataset)?.rowFilter;
    if (!filter) throw new Error(`dataset "${dataset}" has no row filter`);
    const all = memberOf([...pick(filter.allRows), ...(runAs && !filter.allRows.includes(runAs.name) ? [runAs] : [])]);
    const grants = filter.grants.map((g) => `(${memberOf(pick(g.principals))} AND ${ident(column)} IN (${g.values.map(sqlLit).join(", ")}))`);
    return [all, ...grants].join(" OR ");
  });
  return perColumn.length === 1 ? perColumn[0] : perColumn.map((p) => `(${p})`).join(" AND ");
}

/** One CREATE OR REPLACE FUNCTION statement, with the pieces the tests evaluate on their own. */
export interface FunctionStatement {
  readonly layer: TableLayer;
  /** schema.function */
  readonly name: string;
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly returns: string;
  readonly body: string;
  readonly sql: string;
}

function fn(layer: TableLayer, name: string, parameters: FunctionStatement["parameters"], returns: string, body: string): FunctionStatement {
  const qualified = `${naming.schemaName(layer)}.${name}`;
  const params = parameters.map((p) => `${ident(p.name)} ${sqlType(p.type)}`).join(", ");
  return { layer, name: qualified, parameters, returns, body, sql: `CREATE OR REPLACE FUNCTION ${qualifiedIdent(qualified)}(${params}) RETURNS ${returns} RETURN ${body}` };
}

/** The functions governance creates: one mask per (schema, mask, type), one row filter per filtered table. */
export function governanceFunctions(platform: Platform, plan = governancePlan(platform)): FunctionStatement[] {
  const masks = new Map<string, FunctionStatement>();
  for (const c of plan.columns) {
    if (!c.mask) continue;
    const f = fn(c.layer, maskFunctionName(c.mask, c.type), [{ name: "value", type: c.type }], sqlType(c.type), maskBody(platform, c.mask, c.type));
    masks.set(f.name, f);
  }
  const filters = plan.rowFilters.map((t) => fn(t.layer, rowFilterFunctionName(t.table), t.columns.map((c) => ({ name: c.column, type: c.type })), "BOOLEAN", rowFilterBody(platform, t)));
  return [...[...masks.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), ...filters];
}

/** One ALTER TABLE statement and the table it needs. */
export interface TableStatement {
  readonly layer: TableLayer;
  /** schema.table */
  readonly table: string;
  readonly sql: string;
}

/** Tags, masks and row filters, table by table. Each statement is idempotent: a rerun sets what is already set. */
export function governanceTableStatements(plan: GovernancePlan): TableStatement[] {
  const statements: TableStatement[] = [];
  for (const c of plan.columns) {
    const table = `${naming.schemaName(c.layer)}.${c.table}`;
    const alter = `ALTER TABLE ${qualifiedIdent(table)} ALTER COLUMN ${ident(c.column)}`;
    statements.push({ layer: c.layer, table, sql: `${alter} SET TAGS (${sqlStr(PII_TAG)} = 'true', ${sqlStr(PII_CLASS_TAG)} = ${sqlStr(c.piiClass)})` });
    if (c.mask) statements.push({ layer: c.layer, table, sql: `${alter} SET MASK ${ident(naming.schemaName(c.layer))}.${ident(maskFunctionName(c.mask, c.type))}` });
  }
  for (const t of plan.rowFilters) {
    const table = `${naming.schemaName(t.layer)}.${t.table}`;
    const filter = `${ident(naming.schemaName(t.layer))}.${ident(rowFilterFunctionName(t.table))}`;
    statements.push({ layer: t.layer, table, sql: `ALTER TABLE ${qualifiedIdent(table)} SET ROW FILTER ${filter} ON (${t.columns.map((c) => ident(c.column)).join(", ")})` });
  }
  return statements;
}

/**
 * What one table's definition carries: each masked column's function and the row filter, functions
 * as schema.function (the runtime qualifies them with the environment's catalog).
 */
export type TableGovernance = {
  readonly masks: Readonly<Record<string, string>>;
  readonly row_filter: { readonly function: string; readonly columns: ReadonlyArray<string> } | null;
};

/** The masks and row filter of one table: what the runtime creates it with and what governance converges it to. */
export function tableGovernance(plan: GovernancePlan, layer: TableLayer, table: string): TableGovernance {
  const schema = naming.schemaName(layer);
  const masks: Record<string, string> = {};
  for (const c of plan.columns) if (c.layer === layer && c.table === table && c.mask) masks[c.column] = `${schema}.${maskFunctionName(c.mask, c.type)}`;
  const filter = plan.rowFilters.find((t) => t.layer === layer && t.table === table);
  return { masks, row_filter: filter ? { function: `${schema}.${rowFilterFunctionName(table)}`, columns: filter.columns.map((c) => c.column) } : null };
}

/** Whether a table carries a mask or a row filter. */
export const isGoverned = (g: TableGovernance) => Object.keys(g.masks).length > 0 || g.row_filter !== null;

/** Every governance statement in the order the tasks run them: functions first (setup), then what uses them. */
export function governanceStatements(platform: Platform): string[] {
  const plan = governancePlan(platform);
  return [...governanceFunctions(platform, plan).map((f) => f.sql), ...governanceTableStatements(plan).map((s) => s.sql)];
}
