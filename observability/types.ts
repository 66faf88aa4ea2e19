/** What the observability emitters hand the constructs and the overview: SQL and JSON, no cdktf. */
import type { AlertKind } from "../naming/observability";

export interface AlertQuery {
  readonly kind: AlertKind;
  /** One line on what firing means, for the alert's notification and the overview. */
  readonly description: string;
  /** Spark SQL returning one row with a numeric `breaches` column and a `details` column. */
  readonly sql: string;
  /** Tables the query reads, for the overview and the tests. */
  readonly reads: ReadonlyArray<string>;
}

/** The alerts' common condition: the first row's `breaches` above 0. */
export const ALERT_CONDITION = { column: "breaches", op: "GREATER_THAN", threshold: 0 } as const;
