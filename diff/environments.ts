import { stackName } from "../naming";
import type { EnvironmentSpec, Platform } from "../platform";
import { byKey, type Change, changed } from "./change";

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;

/** Schedule, trigger, compute bounds, retention, disaster recovery (a longer RPO or none weakens), destroy protection and runner of one environment. */
function environmentChanges(a: EnvironmentSpec, b: EnvironmentSpec): Change[] {
  const s = stackName(b);
  const workers = (e: EnvironmentSpec) => `${e.compute.minWorkers}-${e.compute.maxWorkers} workers of ${e.compute.nodeType}`;
  const pool = (e: EnvironmentSpec) => (e.compute.instancePool ? `${e.compute.instancePool.minIdleInstances}-${e.compute.instancePool.maxCapacity} instances` : undefined);
  const changes = [
    ...changed(s, "schedule", `${a.schedule.quartzCron} ${a.schedule.timezone}`, `${b.schedule.quartzCron} ${b.schedule.timezone}`),
    ...changed(s, "schedule paused", a.schedule.paused ?? "default", b.schedule.paused ?? "default"),
    ...changed(s, "trigger", a.trigger, b.trigger),
    ...changed(s, "compute", workers(a), workers(b)),
    ...changed(s, "driver node type", a.compute.driverNodeType ?? "the worker type", b.compute.driverNodeType ?? "the worker type"),
    ...changed(s, "auto-termination minutes", a.compute.autoTerminationMinutes, b.compute.autoTerminationMinutes),
    ...changed(s, "runtime", a.compute.sparkVersion, b.compute.sparkVersion),
    ...changed(s, "spot workers", a.compute.spot.enabled, b.compute.spot.enabled),
    ...changed(s, "instance pool", pool(a), pool(b)),
    ...changed(s, "task timeout seconds", a.tasks.timeoutSeconds, b.tasks.timeoutSeconds),
    ...changed(s, "task retries", a.tasks.maxRetries, b.tasks.maxRetries),
  ];
  for (const layer of LAYERS) {
    const [before, after] = [a.retentionDays[layer], b.retentionDays[layer]];
    if (before !== after) changes.push({ scope: s, line: `${layer} retention: ${before} -> ${after} days${after < before ? " (shortened)" : ""}`, weakens: after < before });
  }
  const dr = (e: EnvironmentSpec) => e.dr && `${e.dr.region}, RPO ${e.dr.rpoMinutes} min, RTO ${e.dr.rtoMinutes} min`;
  if (a.dr && !b.dr) changes.push({ scope: s, line: `disaster recovery removed: the secondary ${s}dr would be destroyed`, weakens: true });
  else changes.push(...changed(s, "disaster recovery", dr(a), dr(b), a.dr !== undefined && b.dr !== undefined && b.dr.rpoMinutes > a.dr.rpoMinutes));
  if (a.deploy.destroyProtection !== b.deploy.destroyProtection) {
    changes.push({ scope: s, line: `destroy protection: ${a.deploy.destroyProtection ? "on -> off" : "off -> on"}`, weakens: !b.deploy.destroyProtection });
  }
  return [...changes, ...changed(s, "deploy runner", a.deploy.runnerLabel, b.deploy.runnerLabel), ...changed(s, "plan runner", a.deploy.planRunnerLabel, b.deploy.planRunnerLabel)];
}

/** Environments added, removed or changed, keyed by their stack name. */
export function environmentsChanges(base: Platform, head: Platform): Change[] {
  const { removed, added, kept } = byKey(base.environments, head.environments, stackName);
  return [
    ...removed.map((e) => ({ scope: stackName(e), line: "environment removed: its stack would be destroyed", weakens: true })),
    ...added.map((e) => ({ scope: stackName(e), line: `environment added (${e.cloud === "aws" ? e.aws.region : e.azure.location})`, weakens: false })),
    ...kept.flatMap(([a, b]) => environmentChanges(a, b)),
  ];
}
