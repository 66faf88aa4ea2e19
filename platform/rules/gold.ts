import type { GoldAggregateSpec, Platform } from "../schema";
import type { Problem } from "../problem";
import { silverColumns } from "../columns";
import { didYouMean } from "../suggest";
import { duplicates, type SpecRule } from "./rule";

/** Resolves "ds.col" or a bare "col" against the datasets in a query; returns an error or null. */
function resolve(ref: string, inQuery: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const [ds, col] = ref.includes(".") ? ref.split(".") : [undefined, ref];
  if (ds !== undefined) {
    const cols = inQuery.get(ds);
    if (!cols) return `dataset "${ds}" is not part of this query; expected one of ${[...inQuery.keys()].join(", ")}${didYouMean(ds, inQuery.keys())}`;
    return cols.has(col) ? null : `"${ds}" has no column "${col}"; expected one of ${[...cols].join(", ")}${didYouMean(col, cols)}`;
  }
  const owners = [...inQuery].filter(([, cols]) => cols.has(col)).map(([name]) => name);
  if (owners.length === 1) return null;
  return owners.length === 0
    ? `no dataset in this query has a column "${col}"; expected one of ${[...inQuery].flatMap(([name, cols]) => [...cols].map((c) => `${name}.${c}`)).join(", ")}${didYouMean(col, [...inQuery.values()].flatMap((cols) => [...cols]))}`
    : `"${col}" is ambiguous (in ${owners.join(", ")}); write it as "dataset.${col}"`;
}

/** The query names each input by its dataset ("orders.order_id"), so a dataset can be read once only. */
const selfJoin = (name: string, inQuery: ReadonlyArray<string>) =>
  `"${name}" is already in this query (${inQuery.join(", ")}); a dataset joined to itself is not supported, since columns are named by dataset ("${name}.column" would mean either copy): join a different dataset, or derive the value in silver`;

function checkAggregate(g: GoldAggregateSpec, at: string, platform: Platform): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(platform.datasets.map((d) => [d.name, d]));
  const names = [...byName.keys()].join(", ");
  const inQuery = new Map<string, ReadonlySet<string>>();
  /** Adds a dataset to the query; false (and a problem) when it is unknown or already in it. */
  const add = (name: string, path: string): boolean => {
    const ds = byName.get(name);
    if (!ds) {
      problems.push({ path, value: name, message: `must name a dataset: ${names}${didYouMean(name, byName.keys())}` });
      return false;
    }
    if (inQuery.has(name)) {
      problems.push({ path, value: name, message: selfJoin(name, [...inQuery.keys()]) });
      return false;
    }
    inQuery.set(name, new Set(silverColumns(ds).map((c) => c.name)));
    return true;
  };
  const check = (ref: string, path: string) => {
    const err = resolve(ref, inQuery);
    if (err) problems.push({ path, value: ref, message: err });
  };

  add(g.from, `${at}.from`);
  g.joins.forEach((j, i) => {
    const before = new Map(inQuery);
    if (!add(j.dataset, `${at}.joins[${i}].dataset`)) return;
    j.on.forEach((cond, k) => {
      const err = resolve(cond.left, before);
      if (err) problems.push({ path: `${at}.joins[${i}].on[${k}].left`, value: cond.left, message: err });
      check(cond.right.includes(".") ? cond.right : `${j.dataset}.${cond.right}`, `${at}.joins[${i}].on[${k}].right`);
    });
  });
  if (problems.length > 0) return problems; // column checks need every input dataset

  g.groupBy.forEach((ref, i) => check(ref, `${at}.groupBy[${i}]`));
  g.measures.forEach((m, i) => {
    if (m.column) check(m.column, `${at}.measures[${i}].column`);
    else if (m.fn !== "count") problems.push({ path: `${at}.measures[${i}].column`, value: undefined, message: `${m.fn} needs a column; only count may omit it` });
  });
  const outputs = [...g.groupBy.map((r) => r.split(".").pop() as string), ...g.measures.map((m) => m.name)];
  problems.push(...duplicates(outputs, (o) => o, () => `${at}`, "output column names (group-by columns and measures)"));
  (g.clusterBy ?? []).forEach((c, i) => {
    if (!outputs.includes(c)) problems.push({ path: `${at}.clusterBy[${i}]`, value: c, message: `must be an output column: ${outputs.join(", ")}` });
  });
  if ((g.clusterBy ?? g.groupBy).length > 4) {
    problems.push({ path: `${at}.clusterBy`, value: g.clusterBy ?? g.groupBy, message: "liquid clustering takes at most 4 columns" });
  }
  return problems;
}

/** Gold inputs and every column they name exist; outputs are unique. */
export const goldRules: SpecRule = (p) => [
  ...duplicates(p.gold, (g) => g.name, (i) => `gold[${i}].name`, "gold aggregate names"),
  ...p.gold.flatMap((g, i) => checkAggregate(g, `gold[${i}]`, p)),
];
