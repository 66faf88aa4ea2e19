import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { javaRegexProblem } from "../syntax/java-regex";
import type { SpecRule } from "./rule";

/** Regex rules run in Spark's rlike, so their patterns must be valid, and mean the same, in Java's dialect. */
export const regexRules: SpecRule = (p: Platform) =>
  p.datasets.flatMap((ds, i) =>
    ds.quality.rules.flatMap((r, j) => {
      if (r.expect !== "expect_column_values_to_match_regex") return [];
      const problem = javaRegexProblem(r.regex);
      return problem
        ? [{ path: `datasets[${i}].quality.rules[${j}].regex`, value: r.regex, message: `not a Java regex as Spark's rlike reads it, at offset ${problem.offset}: ${problem.message}` } satisfies Problem]
        : [];
    }),
  );
