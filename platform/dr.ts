/**
 * What an environment's `dr` block implies, derived once for the rules, the emitters, the stacks
 * and the runbook: the table sync's interval and schedule, and the RPO that design guarantees.
 */
import type { DrSpec, EnvironmentSpec } from "./schema";

/** Intervals a Quartz schedule repeats on evenly (they divide the hour or the day), shortest first. */
export const SYNC_INTERVALS_MINUTES = [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440] as const;

/**
 * The data a failover can lose is at most one interval plus one sync run: a commit just after a
 * run read its source is copied by the next run, which starts an interval later and ends within
 * its timeout. A run must end before the next one starts (the job runs one at a time and skips a
 * run that finds the last one still going), so the interval is never shorter than the timeout.
 */
export const guaranteedRpoMinutes = (intervalMinutes: number, syncTimeoutMinutes: number) => intervalMinutes + syncTimeoutMinutes;

/** The longest interval whose guaranteed RPO meets the spec's, or undefined when none does. */
export function syncIntervalMinutes(dr: Pick<DrSpec, "rpoMinutes" | "syncTimeoutMinutes">): number | undefined {
  const fitting = SYNC_INTERVALS_MINUTES.filter(
    (m) => m >= dr.syncTimeoutMinutes && guaranteedRpoMinutes(m, dr.syncTimeoutMinutes) <= dr.rpoMinutes,
  );
  return fitting.at(-1);
}

/** The smallest RPO a sync timeout allows: the shortest interval that is not shorter than the timeout, plus the timeout. */
export function smallestRpoMinutes(syncTimeoutMinutes: number): number {
  const interval = SYNC_INTERVALS_MINUTES.find((m) => m >= syncTimeoutMinutes) ?? SYNC_INTERVALS_MINUTES.at(-1)!;
  return guaranteedRpoMinutes(interval, syncTimeoutMinutes);
}

/** The Quartz cron (UTC) of a sync every `minutes`: on the minute grid within the hour, on the hour grid within the day. */
export function syncQuartzCron(minutes: number): string {
  if (minutes < 60) return `0 0/${minutes} * * * ?`;
  if (minutes < 1440) return `0 0 0/${minutes / 60} * * ?`;
  return "0 0 0 * * ?";
}

/** The secondary environment's name: the primary's with "dr" appended (stack aws-proddr, catalog rtl_proddr). */
export const secondaryEnvironmentName = (primaryName: string) => `${primaryName}dr`;

/**
 * The secondary of an environment with `dr`, as an environment of its own, so that the same
 * foundation and Databricks constructs build it: in the secondary region, on the secondary's
 * metastore, its pipeline schedule paused (a failover unpauses it), without a dr of its own.
 * What is tied to the primary's region is replaced or left out: the zones and the Azure
 * customer-managed key come from the dr block (the primary's vault would be unreachable in the
 * outage the secondary is for), AWS PrivateLink endpoint services are left out (their names are
 * per region), and the lake account name is derived again.
 */
export function secondaryEnvironment(env: EnvironmentSpec): EnvironmentSpec | undefined {
  const dr = env.dr;
  if (dr === undefined) return undefined;
  const common = {
    name: secondaryEnvironmentName(env.name),
    metastore: { existingId: dr.metastoreId },
    schedule: { ...env.schedule, paused: true },
    dr: undefined,
  };
  if (env.cloud === "aws") {
    const network = env.aws.network && { ...env.aws.network, availabilityZones: dr.availabilityZones ?? [] };
    return { ...env, ...common, aws: { ...env.aws, region: dr.region, network, privateLink: undefined } };
  }
  return { ...env, ...common, azure: { ...env.azure, location: dr.region, customerManagedKey: dr.customerManagedKey, storageAccountName: undefined } };
}

/** Every environment a stack deploys: the spec's, each followed by its secondary when it has dr. */
export const deployedEnvironments = (environments: ReadonlyArray<EnvironmentSpec>): EnvironmentSpec[] =>
  environments.flatMap((env) => {
    const secondary = secondaryEnvironment(env);
    return secondary === undefined ? [env] : [env, secondary];
  });

/** The spec environment a secondary is derived from, or undefined for any other environment. */
export const primaryOf = (environments: ReadonlyArray<EnvironmentSpec>, environment: Pick<EnvironmentSpec, "cloud" | "name">): EnvironmentSpec | undefined =>
  environments.find((e) => e.cloud === environment.cloud && e.dr !== undefined && secondaryEnvironmentName(e.name) === environment.name);
