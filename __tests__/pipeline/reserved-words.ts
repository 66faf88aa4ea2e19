/**
 * A platform whose names are Spark SQL keywords: a dataset `order` with columns `order` and
 * `select`, a derived column `from`, and a gold aggregate grouped by `select` with a measure `end`.
 * test_reserved_words.py synthesizes it and runs its notebooks on local Spark.
 */
import type { PlatformInput } from "../../platform";
import { platform as oneStack } from "../fixtures/one-stack";

export const platform: PlatformInput = {
  ...oneStack,
  name: "Reserved words",
  prefix: "kw",
  datasets: [
    {
      name: "order",
      source: { format: "json" },
      columns: [
        { name: "id", type: "string", nullable: false },
        { name: "order", type: "int" },
        { name: "select", type: "string" },
        { name: "updated_at", type: "timestamp", nullable: false },
      ],
      primaryKey: ["id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_be_between", column: "order", min: 0, max: 100 },
          { expect: "expect_column_values_to_be_in_set", column: "select", valueSet: ["a", "b"] },
        ],
        maxFailedFraction: 0.5,
      },
      transformations: [
        { kind: "trim", columns: ["select"] },
        { kind: "derive", column: "from", expression: "`order` * 2", type: "int" },
      ],
    },
  ],
  gold: [
    {
      name: "by_select",
      from: "order",
      groupBy: ["select"],
      measures: [
        { name: "end", fn: "sum", column: "order" },
        { name: "table", fn: "max", column: "from" },
        { name: "rows", fn: "count" },
      ],
    },
  ],
};
