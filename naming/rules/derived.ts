import type { Problem } from "../../platform/problem";
import type { SpecRule } from "../../platform/rules/rule";
import type { Platform } from "../../platform/schema";
import { bronzeTaskKey, goldTaskKey, MAINTENANCE_TASK_KEY, notebookName, QUALITY_RESULTS_TABLE, quarantineTable, silverTable, silverTaskKey } from "../index";

interface Derived {
  readonly name: string;
  /** The spec field whose value the name comes from. */
  readonly path: string;
  readonly what: string;
}

/** Each item with its index, keeping only the first item of each name. */
const firstOfEach = <T extends { readonly name: string }>(items: ReadonlyArray<T>): Array<[T, number]> =>
  items.flatMap((x, i) => (items.findIndex((y) => y.name === x.name) === i ? [[x, i] as [T, number]] : []));

function clashes(kind: string, names: ReadonlyArray<Derived>): Problem[] {
  const first = new Map<string, Derived>();
  return names.flatMap((n) => {
    const earlier = first.get(n.name);
    if (!earlier) {
      first.set(n.name, n);
      return [];
    }
    return [{ path: n.path, value: n.name, message: `${kind} "${n.name}" (${n.what}) is also ${earlier.what} (from ${earlier.path || "the platform"}); rename one` }];
  });
}

/**
 * The names the platform derives are unique, not only the declared ones: silver holds each
 * dataset's table and quarantine table and the shared quality results table; the job holds a task
 * and a notebook per layer and dataset or aggregate.
 */
export const derivedNameRules: SpecRule = (spec: Platform) => {
  // A repeated dataset or aggregate name is the platform rules' to report, once, not per derived name.
  const p = { datasets: firstOfEach(spec.datasets), gold: firstOfEach(spec.gold) };
  const silver: Derived[] = [
    { name: QUALITY_RESULTS_TABLE, path: "", what: "the shared quality results table" },
    ...p.datasets.flatMap(([ds, i]) => [
      { name: silverTable(ds), path: `datasets[${i}].name`, what: `the silver table of dataset "${ds.name}"` },
      { name: quarantineTable(ds), path: `datasets[${i}].name`, what: `the quarantine table of dataset "${ds.name}"` },
    ]),
  ];
  const tasks: Derived[] = [
    { name: MAINTENANCE_TASK_KEY, path: "", what: "the maintenance task" },
    ...p.datasets.flatMap(([ds, i]) => [
      { name: bronzeTaskKey(ds), path: `datasets[${i}].name`, what: `the bronze task of "${ds.name}"` },
      { name: silverTaskKey(ds), path: `datasets[${i}].name`, what: `the silver task of "${ds.name}"` },
    ]),
    ...p.gold.map(([g, i]) => ({ name: goldTaskKey(g), path: `gold[${i}].name`, what: `the gold task of "${g.name}"` })),
  ];
  const notebooks: Derived[] = [
    ...p.datasets.flatMap(([ds, i]) => (["bronze", "silver"] as const).map((layer) => ({ name: notebookName(layer, ds.name), path: `datasets[${i}].name`, what: `the ${layer} notebook of "${ds.name}"` }))),
    ...p.gold.map(([g, i]) => ({ name: notebookName("gold", g.name), path: `gold[${i}].name`, what: `the gold notebook of "${g.name}"` })),
  ];
  return [...clashes("silver table", silver), ...clashes("task key", tasks), ...clashes("notebook", notebooks)];
};
