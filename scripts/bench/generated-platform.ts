/**
 * A platform of BENCH_DATASETS datasets for the synth benchmark: the example's four datasets
 * cloned round-robin under new names, with one gold aggregate per cloned payments dataset.
 * Loaded by main.ts through LAKEHOUSE_SPEC.
 */
import { retailPlatform } from "../../examples/retail";
import type { PlatformInput } from "../../platform";

const count = Number(process.env.BENCH_DATASETS ?? "10");
const templates = retailPlatform.datasets;

const datasets = Array.from({ length: count }, (_, i) => {
  const template = templates[i % templates.length];
  return { ...structuredClone(template), name: `${template.name}_${String(i).padStart(4, "0")}` };
});

const gold = datasets
  .filter((d) => d.name.startsWith("payments_"))
  .map((d) => ({
    name: `mix_${d.name}`,
    from: d.name,
    groupBy: ["method"],
    measures: [{ name: "total_amount", fn: "sum" as const, column: "amount" }],
  }));

// The example's models train on its own gold aggregates, which this platform replaces: no models.
const environments = retailPlatform.environments.map((e) => ({ ...e, ml: false }));

export const platform: PlatformInput = { ...retailPlatform, environments, datasets, gold, ml: undefined };
