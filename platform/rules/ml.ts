import type { Problem } from "../problem";
import type { ModelSpec, Platform } from "../schema";
import { didYouMean } from "../suggest";
import { duplicates, type SpecRule } from "./rule";

/** Measures whose values are numbers for any input column: what a regression can learn from. */
const NUMERIC = new Set(["sum", "count", "count_distinct", "avg"]);

function checkModel(m: ModelSpec, at: string, platform: Platform): Problem[] {
  const gold = platform.gold.find((g) => g.name === m.gold);
  if (!gold) {
    const names = platform.gold.map((g) => g.name);
    return [{ path: `${at}.gold`, value: m.gold, message: `must name a gold aggregate: ${names.join(", ") || "(none defined)"}${didYouMean(m.gold, names)}` }];
  }
  const numeric = gold.measures.filter((x) => NUMERIC.has(x.fn)).map((x) => x.name);
  const expected = `expected a numeric measure (sum, count, count_distinct, avg) of gold "${gold.name}": ${numeric.join(", ")}`;
  const problems: Problem[] = [];
  m.features.forEach((f, j) => {
    if (!numeric.includes(f)) problems.push({ path: `${at}.features[${j}]`, value: f, message: `${expected}${didYouMean(f, numeric)}` });
    if (f === m.label) problems.push({ path: `${at}.features[${j}]`, value: f, message: "the label cannot also be a feature" });
  });
  if (!numeric.includes(m.label)) problems.push({ path: `${at}.label`, value: m.label, message: `${expected}${didYouMean(m.label, numeric)}` });
  return problems;
}

/** Models learn from numeric gold measures; an environment turns ML on only when the spec has models. */
export const mlRules: SpecRule = (p: Platform) => [
  ...p.environments.flatMap((env, i): Problem[] =>
    env.ml && !p.ml ? [{ path: `environments[${i}].ml`, value: true, message: "the platform has no ml section: add ml.models, or set ml to false" }] : [],
  ),
  ...(p.ml
    ? [
        ...duplicates(p.ml.models, (m) => m.name, (j) => `ml.models[${j}].name`, "model names"),
        ...p.ml.models.flatMap((m, j) => checkModel(m, `ml.models[${j}]`, p)),
      ]
    : []),
];
