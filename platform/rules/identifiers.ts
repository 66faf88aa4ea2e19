import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { SPARK_RESERVED } from "../reserved";
import type { SpecRule } from "./rule";

/** Every name the spec declares that the generated SQL writes bare, with its path. */
function declaredNames(p: Platform): Array<{ path: string; name: string }> {
  return [
    ...p.datasets.flatMap((ds, i) => [
      { path: `datasets[${i}].name`, name: ds.name },
      ...ds.columns.map((c, j) => ({ path: `datasets[${i}].columns[${j}].name`, name: c.name })),
      ...ds.transformations.flatMap((t, j) => (t.kind === "derive" ? [{ path: `datasets[${i}].transformations[${j}].column`, name: t.column }] : [])),
    ]),
    ...p.gold.flatMap((g, i) => [
      { path: `gold[${i}].name`, name: g.name },
      ...g.measures.map((m, j) => ({ path: `gold[${i}].measures[${j}].name`, name: m.name })),
    ]),
  ];
}

/** Names are safe in every position the generated SQL puts them: no reserved word, which would need quoting or read as a literal. */
export const identifierRules: SpecRule = (p: Platform) =>
  declaredNames(p).flatMap(({ path, name }): Problem[] =>
    SPARK_RESERVED.has(name)
      ? [{ path, value: name, message: `"${name}" is a reserved word in Spark SQL (ANSI mode); the generated SQL writes names bare, where it would fail to parse or read as a keyword: choose another name, e.g. "${name}_value"` }]
      : [],
  );
