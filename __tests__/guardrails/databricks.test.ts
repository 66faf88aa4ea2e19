import { Cluster } from "@cdktf/provider-databricks/lib/cluster";
import { InstancePool } from "@cdktf/provider-databricks/lib/instance-pool";
import { ClusterPolicy } from "@cdktf/provider-databricks/lib/cluster-policy";
import { Schema } from "@cdktf/provider-databricks/lib/schema";
import { autoTermination } from "../../guardrails/rules/auto-termination";
import { databricksProvider } from "../../guardrails/rules/databricks-provider";
import { jobNotifications } from "../../guardrails/rules/job-notifications";
import { jobRetriesTimeouts } from "../../guardrails/rules/job-retries-timeouts";
import { oneTrigger } from "../../guardrails/rules/one-trigger";
import { spotFallback } from "../../guardrails/rules/spot-fallback";
import type { Construct } from "constructs";
import { bucket, job, stack, workspaceProvider } from "./stacks";

const policy = (rules: Record<string, unknown>) =>
  new ClusterPolicy(stack(), "policy", { name: "jobs", definition: JSON.stringify({ spark_version: { type: "fixed", value: "17.3.x-scala2.13" }, ...rules }) });
const cluster = (autoterminationMinutes?: number) =>
  new Cluster(stack(), "adhoc", { sparkVersion: "17.3.x-scala2.13", nodeTypeId: "m5d.xlarge", numWorkers: 1, autoterminationMinutes });
const newCluster = (extra: Record<string, unknown>) => ({ sparkVersion: "17.3.x-scala2.13", numWorkers: 1, ...extra });
const pool = (scope: Construct, id: string, availability: string) =>
  new InstancePool(scope, id, { instancePoolName: id, idleInstanceAutoterminationMinutes: 15, nodeTypeId: "m5d.xlarge", awsAttributes: { availability } });
/** A job whose one cluster takes workers from a spot pool and its driver from `driver`. */
function pooledJob(driver: "SPOT" | "ON_DEMAND" | "same") {
  const s = stack();
  const workers = pool(s, "workers", "SPOT");
  const driverPool = driver === "same" ? undefined : pool(s, "drivers", driver);
  const cluster = newCluster({ instancePoolId: workers.instancePoolId, driverInstancePoolId: driverPool?.instancePoolId });
  return job(s, { jobCluster: [{ jobClusterKey: "pipeline", newCluster: cluster }] });
}

describe("LH-AUTO-TERMINATION", () => {
  it("passes a policy that fixes auto-termination and a cluster that sets it", () => {
    expect(autoTermination(policy({ autotermination_minutes: { type: "fixed", value: 20, hidden: true } }))).toStrictEqual([]);
    expect(autoTermination(cluster(30))).toStrictEqual([]);
    expect(autoTermination(bucket(stack()))).toBeUndefined();
  });

  it("fails if the policy only bounds auto-termination instead of fixing it", () => {
    expect(autoTermination(policy({ autotermination_minutes: { type: "range", maxValue: 60 } }))?.[0].message).toMatch(/type: "fixed"/);
  });

  it("fails if the policy leaves auto-termination out", () => {
    expect(autoTermination(policy({}))).toHaveLength(1);
  });

  it("fails if a cluster never terminates", () => {
    expect(autoTermination(cluster(0))?.[0]).toMatchObject({ ruleId: "LH-AUTO-TERMINATION", message: "set autoterminationMinutes > 0 on the cluster" });
    expect(autoTermination(cluster())).toHaveLength(1);
  });
});

describe("LH-SPOT-FALLBACK", () => {
  it("passes job clusters on spot with fallback, on demand, or on an instance pool", () => {
    expect(spotFallback(job(stack()))).toStrictEqual([]);
    const azure = [{ jobClusterKey: "a", newCluster: newCluster({ azureAttributes: { availability: "SPOT_WITH_FALLBACK_AZURE" } }) }];
    expect(spotFallback(job(stack(), { jobCluster: azure }))).toStrictEqual([]);
    expect(spotFallback(bucket(stack()))).toBeUndefined();
  });

  it("passes a pool-backed cluster whose driver comes from an on-demand pool, or from a pool it cannot see", () => {
    expect(spotFallback(pooledJob("ON_DEMAND"))).toStrictEqual([]);
    const external = [{ jobClusterKey: "p", newCluster: newCluster({ instancePoolId: "pool-1" }) }];
    expect(spotFallback(job(stack(), { jobCluster: external }))).toStrictEqual([]);
  });

  it("fails if a pool-backed cluster takes its driver from a spot pool, which has no fallback", () => {
    expect(spotFallback(pooledJob("SPOT"))?.[0].message).toMatch(/driver from the spot pool test\/drivers.*ON_DEMAND pool/);
    expect(spotFallback(pooledJob("same"))?.[0].message).toMatch(/spot pool test\/workers/);
  });

  it("fails if a job cluster runs on spot without fallback", () => {
    const spot = [{ jobClusterKey: "spot", newCluster: newCluster({ awsAttributes: { availability: "SPOT" } }) }];
    expect(spotFallback(job(stack(), { jobCluster: spot }))?.[0].message).toMatch(/SPOT_WITH_FALLBACK.*job cluster "spot"/);
  });

  it("fails if a job cluster states no availability at all", () => {
    expect(spotFallback(job(stack(), { jobCluster: [{ jobClusterKey: "bare", newCluster: newCluster({}) }] }))).toHaveLength(1);
  });
});

describe("LH-JOB-RETRIES-TIMEOUTS", () => {
  it("passes a job whose every task retries and times out", () => {
    expect(jobRetriesTimeouts(job(stack()))).toStrictEqual([]);
    expect(jobRetriesTimeouts(bucket(stack()))).toBeUndefined();
  });

  it("fails if a task has no retries or no timeout, naming the task", () => {
    const task = [{ taskKey: "gold", jobClusterKey: "pipeline", notebookTask: { notebookPath: "/Shared/gold" } }];
    expect(jobRetriesTimeouts(job(stack(), { task }))?.map((f) => f.message)).toStrictEqual([
      'set maxRetries >= 1 on task "gold"',
      'set timeoutSeconds > 0 on task "gold"',
    ]);
  });

  it("passes a continuous job whose tasks have no retry policy but whose continuous block retries them ON_FAILURE", () => {
    const task = [{ taskKey: "bronze", jobClusterKey: "pipeline", timeoutSeconds: 3600, notebookTask: { notebookPath: "/Shared/bronze" } }];
    expect(jobRetriesTimeouts(job(stack(), { task, continuous: { pauseStatus: "UNPAUSED", taskRetryMode: "ON_FAILURE" } }))).toStrictEqual([]);
  });

  it("fails if a continuous job never retries a failed task", () => {
    const task = [{ taskKey: "bronze", jobClusterKey: "pipeline", timeoutSeconds: 3600, notebookTask: { notebookPath: "/Shared/bronze" } }];
    expect(jobRetriesTimeouts(job(stack(), { task, continuous: { pauseStatus: "UNPAUSED", taskRetryMode: "NEVER" } }))?.map((f) => f.message)).toStrictEqual([
      'set continuous.taskRetryMode "ON_FAILURE" (found NEVER)',
    ]);
  });
});

describe("LH-ONE-TRIGGER", () => {
  const schedule = { quartzCronExpression: "0 0 2 * * ?", timezoneId: "UTC", pauseStatus: "UNPAUSED" };
  const fileArrival = { url: "s3://lake-landing/" };

  it("passes a job with one schedule, one trigger or continuous mode", () => {
    for (const start of [{ schedule }, { trigger: { fileArrival } }, { continuous: { pauseStatus: "PAUSED" } }]) {
      expect(oneTrigger(job(stack(), start))).toStrictEqual([]);
    }
    expect(oneTrigger(bucket(stack()))).toBeUndefined();
  });

  it("fails if a job has both a schedule and a trigger, or a trigger watches two things", () => {
    const both = job(stack(), { schedule, trigger: { fileArrival, tableUpdate: { tableNames: ["c.s.t"] } } });
    expect(oneTrigger(both)?.map((f) => f.message)).toStrictEqual([
      "keep one of schedule, trigger: a job has one trigger",
      "keep one of trigger.fileArrival, trigger.tableUpdate: a trigger block watches one thing",
    ]);
  });
});

describe("LH-JOB-NOTIFICATIONS", () => {
  it("passes a job that e-mails or calls a webhook on failure", () => {
    expect(jobNotifications(job(stack()))).toStrictEqual([]);
    const webhook = { emailNotifications: undefined, webhookNotifications: { onFailure: [{ id: "oncall" }] } };
    expect(jobNotifications(job(stack(), webhook))).toStrictEqual([]);
    expect(jobNotifications(bucket(stack()))).toBeUndefined();
  });

  it("fails if nobody hears of a failed run", () => {
    expect(jobNotifications(job(stack(), { emailNotifications: { onSuccess: ["me@example.com"] } }))?.[0].message).toMatch(/onFailure/);
  });
});

describe("LH-DATABRICKS-PROVIDER", () => {
  it("passes a Databricks resource that names its provider, and ignores others", () => {
    const s = stack();
    expect(databricksProvider(new Schema(s, "bronze", { provider: workspaceProvider(s), catalogName: "c", name: "bronze" }))).toStrictEqual([]);
    expect(databricksProvider(bucket(stack()))).toBeUndefined();
  });

  it("fails if a Databricks resource falls back to the default provider", () => {
    const findings = databricksProvider(new Schema(stack(), "bronze", { catalogName: "c", name: "bronze" }));
    expect(findings).toStrictEqual([{ ruleId: "LH-DATABRICKS-PROVIDER", path: "test/bronze", message: expect.stringMatching(/set provider/) }]);
  });
});
