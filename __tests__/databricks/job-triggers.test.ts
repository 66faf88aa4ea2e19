import { type JobContinuous, type JobSchedule, type JobTrigger, jobContinuousToTerraform, jobScheduleToTerraform, jobTriggerToTerraform } from "@cdktf/provider-databricks/lib/job";
import type { EnvironmentSpec } from "../../platform";
import { resource, synthLakehouse } from "./synth";

type Task = Record<string, unknown> & { task_key: string };
/** A binding struct as the provider writes it to cdk.tf.json (its unset fields dropped, as synth drops them). */
const terraform = (converted: unknown) => JSON.parse(JSON.stringify(converted)) as unknown;
const starts = (job: Record<string, unknown>) => ({ schedule: job.schedule, trigger: job.trigger, continuous: job.continuous });
const unpaused = (e: EnvironmentSpec): EnvironmentSpec => ({ ...e, schedule: { ...e.schedule, paused: false } });

describe("file arrival trigger (the example's aws dev)", () => {
  const s = synthLakehouse({ cloud: "aws", env: "dev" });
  const job = resource(s, "databricks_job", "pipeline_job");

  it("watches the landing location's root, ending in /, with the spec's timings, paused in dev, and no schedule", () => {
    const expected: JobTrigger = {
      pauseStatus: "PAUSED",
      fileArrival: { url: "s3://lake-landing/", minTimeBetweenTriggersSeconds: 60, waitAfterLastChangeSeconds: 60 },
    };
    expect(starts(job)).toStrictEqual({ schedule: undefined, trigger: terraform(jobTriggerToTerraform(expected)), continuous: undefined });
  });

  it("runs once the landing location exists: the trigger's URL must be a Unity Catalog external location", () => {
    expect(job.depends_on).toStrictEqual(expect.arrayContaining(["databricks_external_location.databricks_storage_landing_C782389A"]));
  });

  it("unpauses with schedule.paused false and takes the spec's timings; Azure's URL keeps its single trailing /", () => {
    const tweak = (e: EnvironmentSpec): EnvironmentSpec => ({
      ...unpaused(e),
      trigger: "fileArrival",
      continuous: undefined,
      fileArrival: { minTimeBetweenTriggersSeconds: 120, waitAfterLastChangeSeconds: 300, maxFilesPerDay: 10 },
    });
    const azure = resource(synthLakehouse({ cloud: "azure", env: "dev", tweak }), "databricks_job", "pipeline_job");
    const expected: JobTrigger = {
      pauseStatus: "UNPAUSED",
      fileArrival: { url: "abfss://landing@lake.dfs.core.windows.net/", minTimeBetweenTriggersSeconds: 120, waitAfterLastChangeSeconds: 300 },
    };
    expect(starts(azure)).toStrictEqual({ schedule: undefined, trigger: terraform(jobTriggerToTerraform(expected)), continuous: undefined });
  });
});

describe("continuous (the example's azure dev)", () => {
  const s = synthLakehouse({ cloud: "azure", env: "dev" });
  const ingestion = resource(s, "databricks_job", "pipeline_job");
  const downstream = resource(s, "databricks_job", "downstream_job");
  const tasks = (job: Record<string, unknown>) => job.task as Task[];

  it("runs bronze and silver in a continuous job with task retries ON_FAILURE, and nothing else starts it", () => {
    const expected: JobContinuous = { pauseStatus: "PAUSED", taskRetryMode: "ON_FAILURE" };
    expect([ingestion.name, starts(ingestion)]).toStrictEqual([
      "rtl-dev-pipeline",
      { schedule: undefined, trigger: undefined, continuous: terraform(jobContinuousToTerraform(expected)) },
    ]);
  });

  it("gives the continuous job's tasks no dependencies and no retry policy, which a continuous job refuses", () => {
    expect(tasks(ingestion).map((t) => [t.task_key, t.depends_on, t.max_retries, t.min_retry_interval_millis, t.retry_on_timeout, t.timeout_seconds])).toStrictEqual([
      ["bronze_customers", undefined, undefined, undefined, undefined, 3600],
      ["bronze_orders", undefined, undefined, undefined, undefined, 3600],
      ["silver_customers", undefined, undefined, undefined, undefined, 3600],
      ["silver_orders", undefined, undefined, undefined, undefined, 3600],
    ]);
  });

  it("moves gold to rtl-dev-downstream, started when any silver table of the spec changes", () => {
    const expected: JobTrigger = {
      pauseStatus: "PAUSED",
      tableUpdate: {
        tableNames: ["rtl_dev.silver.customers", "rtl_dev.silver.products", "rtl_dev.silver.orders", "rtl_dev.silver.payments"],
        condition: "ANY_UPDATED",
        minTimeBetweenTriggersSeconds: 300,
        waitAfterLastChangeSeconds: 60,
      },
    };
    expect([downstream.name, starts(downstream)]).toStrictEqual(["rtl-dev-downstream", { schedule: undefined, trigger: terraform(jobTriggerToTerraform(expected)), continuous: undefined }]);
    expect(tasks(downstream).map((t) => [t.task_key, t.depends_on, t.max_retries])).toStrictEqual([["gold_revenue", undefined, 2]]);
  });

  it("gives the downstream job the same permissions as the pipeline job", () => {
    const permissions = (id: string) => resource(s, "databricks_permissions", id).access_control;
    expect(permissions("downstream_job_permissions")).toStrictEqual(permissions("pipeline_job_permissions"));
  });

  it("runs the downstream job on the schedule when continuous.downstream is schedule", () => {
    const tweak = (e: EnvironmentSpec): EnvironmentSpec => ({ ...unpaused(e), continuous: { downstream: "schedule", minTimeBetweenTriggersSeconds: 300, waitAfterLastChangeSeconds: 60 } });
    const job = resource(synthLakehouse({ cloud: "azure", env: "dev", tweak }), "databricks_job", "downstream_job");
    const expected: JobSchedule = { quartzCronExpression: "0 30 3 * * ?", timezoneId: "Europe/Amsterdam", pauseStatus: "UNPAUSED" };
    expect(starts(job)).toStrictEqual({ schedule: terraform(jobScheduleToTerraform(expected)), trigger: undefined, continuous: undefined });
  });
});

describe("schedule (the example's prod)", () => {
  it("keeps one job with its schedule and no trigger or continuous block", () => {
    const s = synthLakehouse({ cloud: "aws", env: "prod" });
    const expected: JobSchedule = { quartzCronExpression: "0 0 2 * * ?", timezoneId: "Europe/Amsterdam", pauseStatus: "UNPAUSED" };
    expect(starts(resource(s, "databricks_job", "pipeline_job"))).toStrictEqual({ schedule: terraform(jobScheduleToTerraform(expected)), trigger: undefined, continuous: undefined });
    expect(Object.keys(s.tf.resource.databricks_job).filter((id) => id.includes("downstream"))).toStrictEqual([]);
  });
});
