import type { Platform } from "../schema";
import { duplicates, type SpecRule } from "./rule";

/** Key lists name each column once: Delta rejects a repeated clustering column, and a repeated key column is a typo. */
export const keyListRules: SpecRule = (p: Platform) => [
  ...p.datasets.flatMap((ds, i) => duplicates(ds.primaryKey, (k) => k, (j) => `datasets[${i}].primaryKey[${j}]`, "primary key columns")),
  ...p.gold.flatMap((g, i) => [
    ...duplicates(g.groupBy, (r) => r, (j) => `gold[${i}].groupBy[${j}]`, "group-by columns"),
    ...duplicates(g.clusterBy ?? [], (c) => c, (j) => `gold[${i}].clusterBy[${j}]`, "clustering columns"),
    ...g.joins.flatMap((j, k) => duplicates(j.on, (c) => `${c.left}=${c.right}`, (m) => `gold[${i}].joins[${k}].on[${m}]`, "join conditions")),
  ]),
];
