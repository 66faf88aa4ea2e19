/**
 * The SQL of a gold aggregate: every column reference qualified by its dataset and every name
 * quoted, each input read through IDENTIFIER(:dataset) so the catalog stays a run-time parameter.
 * The filter is the spec's own SQL and is written as given.
 */
import { type DatasetSpec, type GoldAggregateSpec, type MeasureSpec, type Platform, silverColumns } from "../platform";
import { ident, qualifiedIdent } from "./identifiers";

/** Input dataset names in query order: the `from` dataset, then each join's. */
export const goldInputs = (g: GoldAggregateSpec): string[] => [g.from, ...g.joins.map((j) => j.dataset)];

/** Output column name of a group-by reference: its column part. */
export const outputName = (ref: string) => ref.split(".").pop() as string;

/** "ds.col" stays; a bare "col" gets the one dataset among `inQuery` that has it (the spec rules checked it is one). */
export function qualify(ref: string, inQuery: ReadonlyArray<DatasetSpec>): string {
  if (ref.includes(".")) return ref;
  const owner = inQuery.find((ds) => silverColumns(ds).some((c) => c.name === ref));
  if (!owner) throw new Error(`no dataset in the query has a column "${ref}"`);
  return `${owner.name}.${ref}`;
}

function measure(m: MeasureSpec, inQuery: ReadonlyArray<DatasetSpec>): string {
  const arg = m.column ? qualifiedIdent(qualify(m.column, inQuery)) : "*";
  const call = m.fn === "count_distinct" ? `count(DISTINCT ${arg})` : `${m.fn}(${arg})`;
  return `${call} AS ${ident(m.name)}`;
}

/** How the query reads an input dataset: the notebook binds it as a parameter, dbt as a source. */
export type InputTable = (dataset: string) => string;
export const identifierInput: InputTable = (dataset) => `IDENTIFIER(:${dataset})`;

/** The SELECT, one clause per line: the gold notebook's QUERY, and the dbt model's body. */
export function goldQuery(g: GoldAggregateSpec, platform: Platform, input: InputTable = identifierInput): string[] {
  const byName = new Map(platform.datasets.map((d) => [d.name, d]));
  const datasets = goldInputs(g).map((name) => {
    const ds = byName.get(name);
    if (!ds) throw new Error(`gold "${g.name}" reads unknown dataset "${name}"`);
    return ds;
  });
  const groupBy = g.groupBy.map((ref) => qualifiedIdent(qualify(ref, datasets)));
  const selected = [...g.groupBy.map((ref, i) => `${groupBy[i]} AS ${ident(outputName(ref))}`), ...g.measures.map((m) => measure(m, datasets))];
  const lines = ["SELECT", ...selected.map((s, i) => `    ${s}${i < selected.length - 1 ? "," : ""}`), `FROM ${input(g.from)} AS ${ident(g.from)}`];
  g.joins.forEach((j, i) => {
    const before = datasets.slice(0, i + 1);
    const right = (ref: string) => qualifiedIdent(ref.includes(".") ? ref : `${j.dataset}.${ref}`);
    const on = j.on.map((c) => `${qualifiedIdent(qualify(c.left, before))} = ${right(c.right)}`);
    lines.push(`${j.type === "left" ? "LEFT" : "INNER"} JOIN ${input(j.dataset)} AS ${ident(j.dataset)}`, `    ON ${on.join(" AND ")}`);
  });
  if (g.filter) lines.push(`WHERE ${g.filter}`);
  lines.push("GROUP BY", ...groupBy.map((ref, i) => `    ${ref}${i < groupBy.length - 1 ? "," : ""}`));
  return lines;
}
