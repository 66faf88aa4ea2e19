import type { ColumnSpec, DatasetSpec, MaskKind, Platform, QualityRuleSpec, RowFilterSpec } from "../platform";
import { byKey, type Change, changed, EVERY_ENVIRONMENT, show } from "./change";

const at = (line: string, weakens = false): Change => ({ scope: EVERY_ENVIRONMENT, line, weakens });

/** The mask a PII column really gets (platform/schema/governance.ts: redact for strings, null otherwise). */
const maskOf = (c: ColumnSpec): MaskKind => c.mask ?? (c.type === "string" ? "redact" : "null");
/** How much of the value a mask lets through: a move up reveals more. */
const REVEALS: Record<MaskKind, number> = { null: 0, redact: 0, hash: 1, last4: 2, email_domain: 2 };

/** Who reads a PII column masked: silver readers without the PII permission, other than the job's run-as principal. */
function maskedReaders(p: Platform): string[] {
  return p.access.principals.filter((x) => x.layers.silver && !x.pii && x.name !== p.access.jobRunAs).map((x) => x.name).sort();
}

function columnChanges(d: string, a: ColumnSpec, b: ColumnSpec, head: Platform): Change[] {
  const col = `${d}.${b.name}`;
  const changes = [...changed(EVERY_ENVIRONMENT, `${col} type`, a.type, b.type), ...changed(EVERY_ENVIRONMENT, `${col} nullable`, a.nullable, b.nullable)];
  if (a.pii && !b.pii) {
    const readers = maskedReaders(head);
    changes.push(at(`${col} is no longer masked${readers.length > 0 ? ` for ${readers.join(", ")}` : ""} (PII flag removed)`, true));
  } else if (!a.pii && b.pii) {
    changes.push(at(`${col} is now PII, masked with ${maskOf(b)}`));
  } else if (a.pii && b.pii) {
    const [before, after] = [maskOf(a), maskOf(b)];
    if (before !== after) changes.push(at(`${col} mask: ${before} -> ${after}${REVEALS[after] > REVEALS[before] ? " (reveals more)" : ""}`, REVEALS[after] > REVEALS[before]));
  }
  return changes;
}

const ruleKey = (r: QualityRuleSpec): string => r.name ?? `${r.expect}(${"column" in r ? r.column : ""})`;
/** A rule's parameters as "min 1, max 1000" (its name, kind and column identify it). */
const ruleBody = (r: QualityRuleSpec): string =>
  Object.entries(r)
    .filter(([k]) => k !== "name" && k !== "expect" && k !== "column" && k !== "severity")
    .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${show(v)}]` : show(v)}`)
    .join(", ");

function qualityChanges(d: string, a: DatasetSpec, b: DatasetSpec): Change[] {
  const { removed, added, kept } = byKey(a.quality.rules, b.quality.rules, ruleKey);
  return [
    ...removed.map((r) => at(`${d} quality rule ${ruleKey(r)} removed`)),
    ...added.map((r) => at(`${d} quality rule ${ruleKey(r)} added`)),
    ...kept.flatMap(([x, y]) => [
      ...changed(EVERY_ENVIRONMENT, `${d} quality rule ${ruleKey(y)}`, ruleBody(x), ruleBody(y)),
      // A warn-severity failure no longer stops gold in a validating environment.
      ...changed(EVERY_ENVIRONMENT, `${d} quality rule ${ruleKey(y)} severity`, x.severity, y.severity, y.severity === "warn"),
    ]),
    ...changed(EVERY_ENVIRONMENT, `${d} maxFailedFraction`, a.quality.maxFailedFraction, b.quality.maxFailedFraction),
    ...changed(EVERY_ENVIRONMENT, `${d} quality volume`, a.quality.volume, b.quality.volume),
    ...changed(EVERY_ENVIRONMENT, `${d} quality freshness`, a.quality.freshness, b.quality.freshness),
  ];
}

/** Values of the filter column each principal sees ("all" for allRows). */
function visibility(f: RowFilterSpec): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  for (const g of f.grants) for (const p of g.principals) seen.set(p, new Set([...(seen.get(p) ?? []), ...g.values.map(String)]));
  for (const p of f.allRows) seen.set(p, new Set(["*"]));
  return seen;
}

function rowFilterChanges(d: string, a: RowFilterSpec | undefined, b: RowFilterSpec | undefined): Change[] {
  if (!a && !b) return [];
  if (a && !b) return [at(`${d} row filter on ${a.column} removed: every reader sees every row`, true)];
  if (!a && b) return [at(`${d} row filter on ${b.column} added`)];
  const [x, y] = [a as RowFilterSpec, b as RowFilterSpec];
  if (x.column !== y.column) return [at(`${d} row filter column: ${x.column} -> ${y.column}`, true)];
  const [before, after] = [visibility(x), visibility(y)];
  const changes: Change[] = [];
  for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [was, now] = [before.get(p) ?? new Set<string>(), after.get(p) ?? new Set<string>()];
    if (now.has("*") && !was.has("*")) changes.push(at(`${d} row filter: ${p} now sees every row`, true));
    else if (was.has("*") && !now.has("*")) changes.push(at(`${d} row filter: ${p} no longer sees every row${now.size > 0 ? ` (only ${[...now].join(", ")})` : ""}`));
    else if (!now.has("*")) {
      const gained = [...now].filter((v) => !was.has(v));
      const lost = [...was].filter((v) => !now.has(v));
      if (gained.length > 0) changes.push(at(`${d} row filter: ${p} now also sees ${gained.join(", ")}`, true));
      if (lost.length > 0) changes.push(at(`${d} row filter: ${p} no longer sees ${lost.join(", ")}`));
    }
  }
  return changes;
}

/** Datasets, columns and types, PII and masks, row filters, quality rules and thresholds. */
export function datasetChanges(base: Platform, head: Platform): Change[] {
  const { removed, added, kept } = byKey(base.datasets, head.datasets, (d) => d.name);
  return [
    ...removed.map((d) => at(`dataset ${d.name} removed`)),
    ...added.map((d) => at(`dataset ${d.name} added (${d.columns.length} columns${d.columns.some((c) => c.pii) ? `, PII: ${d.columns.filter((c) => c.pii).map((c) => c.name).join(", ")}` : ""})`)),
    ...kept.flatMap(([a, b]) => {
      const cols = byKey(a.columns, b.columns, (c) => c.name);
      return [
        ...cols.removed.map((c) => at(`${b.name}.${c.name} removed`)),
        ...cols.added.map((c) => at(`${b.name}.${c.name} added (${c.type}${c.pii ? `, PII masked with ${maskOf(c)}` : ""})`)),
        ...cols.kept.flatMap(([x, y]) => columnChanges(b.name, x, y, head)),
        ...changed(EVERY_ENVIRONMENT, `${b.name} primary key`, a.primaryKey, b.primaryKey),
        ...rowFilterChanges(b.name, a.rowFilter, b.rowFilter),
        ...qualityChanges(b.name, a, b),
      ];
    }),
  ];
}

/** Gold aggregates added, removed, or with other inputs, groups or measures. */
export function goldChanges(base: Platform, head: Platform): Change[] {
  const { removed, added, kept } = byKey(base.gold, head.gold, (g) => g.name);
  const measures = (g: Platform["gold"][number]) => g.measures.map((m) => `${m.name}=${m.fn}(${m.column ?? "*"})`);
  return [
    ...removed.map((g) => at(`gold ${g.name} removed`)),
    ...added.map((g) => at(`gold ${g.name} added (from ${g.from}, by ${g.groupBy.join(", ")})`)),
    ...kept.flatMap(([a, b]) => [
      ...changed(EVERY_ENVIRONMENT, `gold ${b.name} inputs`, [a.from, ...a.joins.map((j) => j.dataset)], [b.from, ...b.joins.map((j) => j.dataset)]),
      ...changed(EVERY_ENVIRONMENT, `gold ${b.name} filter`, a.filter, b.filter),
      ...changed(EVERY_ENVIRONMENT, `gold ${b.name} group by`, a.groupBy, b.groupBy),
      ...changed(EVERY_ENVIRONMENT, `gold ${b.name} measures`, measures(a), measures(b)),
    ]),
  ];
}
