import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { singleScheduler } from "../../guardrails/rules/single-scheduler";
import { airflowDag } from "../../jobs/airflow-dag";
import { airflowCron, type Platform, SpecError, validatePlatform } from "../../platform";
import { writeAirflowDags } from "../../stacks/app";
import { resource, synthLakehouse } from "../databricks/synth";
import { exampleInput, platform } from "../fixtures/platform";
import { job, stack } from "../guardrails/stacks";

function problems(edit: (input: ReturnType<typeof exampleInput>) => void) {
  const input = exampleInput();
  edit(input);
  try {
    validatePlatform(input);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => ({ path: p.path, value: p.value }));
  }
}

describe("airflowCron", () => {
  it.each([
    ["0 30 3 * * ?", "30 3 * * *"],
    ["0 0 */6 ? * 2-6", "0 */6 * * 1-5"],
    ["0 15 6 ? * MON-FRI", "15 6 * * MON-FRI"],
    ["0 0 8 ? * 1,7", "0 8 * * 0,6"],
    ["0 0/15 * * * ? *", "0/15 * * * *"],
    ["0 0 2 1 JAN,JUL ?", "0 2 1 JAN,JUL *"],
    ["0 0 9 ? * WED", "0 9 * * WED"],
  ])("turns Quartz %s into cron %s", (quartz, cron) => {
    expect(airflowCron(quartz)).toStrictEqual({ cron });
  });

  it.each([
    ["0 0 2 L * ?", /L, W and #/],
    ["0 0 2 ? * 6#3", /L, W and #/],
    ["30 0 2 * * ?", /seconds field must be "0"/],
    ["0 0 2 * * ? 2027", /no year field/],
  ])("refuses %s", (quartz, message) => {
    const converted = airflowCron(quartz);
    expect("error" in converted && converted.error).toMatch(message);
  });
});

describe("orchestrator spec", () => {
  it("defaults to Databricks' scheduler, with Airflow defaults for the DAG; the example has Airflow trigger AWS staging", () => {
    const awsDev = platform.environments.find((e) => e.cloud === "aws" && e.name === "dev");
    const awsStaging = platform.environments.find((e) => e.cloud === "aws" && e.name === "staging");
    expect([awsDev?.orchestrator, awsDev?.airflow]).toStrictEqual(["databricks", { retries: 1, retryDelaySeconds: 600, runTimeoutSeconds: 14_400 }]);
    expect([awsStaging?.orchestrator, awsStaging?.airflow]).toStrictEqual(["airflow", { principal: "rtl-airflow", retries: 2, retryDelaySeconds: 600, runTimeoutSeconds: 10_800 }]);
    expect(platform.environments.filter((e) => e.orchestrator === "airflow").map((e) => `${e.cloud}-${e.name}`)).toStrictEqual(["aws-staging"]);
  });

  it("fails if an Airflow environment's schedule has no cron equivalent, reporting every one at once", () => {
    expect(
      problems((i) => {
        i.environments[0].orchestrator = "airflow";
        i.environments[0].airflow = { principal: "rtl-airflow" };
        i.environments[0].schedule = { quartzCron: "0 0 2 L * ?", timezone: "UTC" };
        i.environments[2].orchestrator = "airflow";
        i.environments[2].airflow = { principal: "rtl-airflow" };
        i.environments[2].schedule = { quartzCron: "15 0 2 * * ?", timezone: "UTC" };
      }),
    ).toStrictEqual([
      { path: "environments[0].schedule.quartzCron", value: "0 0 2 L * ?" },
      { path: "environments[2].schedule.quartzCron", value: "15 0 2 * * ?" },
    ]);
  });

  it("accepts the same schedules where Databricks schedules the job", () => {
    expect(problems((i) => void (i.environments[0].schedule = { quartzCron: "0 0 2 L * ?", timezone: "UTC" }))).toStrictEqual([]);
  });

  it("fails if the Airflow settings are out of range or the connection id has spaces", () => {
    expect(
      problems((i) => void (i.environments[1].airflow = { connectionId: "my conn", retries: 11, runTimeoutSeconds: 30 })).map((p) => p.path),
    ).toStrictEqual(["environments[1].airflow.connectionId", "environments[1].airflow.retries", "environments[1].airflow.runTimeoutSeconds"]);
  });
});

describe("the job Airflow triggers", () => {
  it.each([undefined, false])("keeps its schedule paused even when the spec says paused: %s", (paused) => {
    const s = synthLakehouse({ env: "prod", tweak: (e) => ({ ...e, orchestrator: "airflow", schedule: { ...e.schedule, paused } }) });
    expect(resource(s, "databricks_job", "pipeline_job").schedule).toStrictEqual({
      quartz_cron_expression: "0 0 2 * * ?",
      timezone_id: "Europe/Amsterdam",
      pause_status: "PAUSED",
    });
  });

  it("keeps its file arrival trigger paused in a file-arrival environment: the DAG starts the job", () => {
    const s = synthLakehouse({ env: "dev", tweak: (e) => ({ ...e, orchestrator: "airflow", schedule: { ...e.schedule, paused: false } }) });
    expect(resource(s, "databricks_job", "pipeline_job").trigger).toStrictEqual({
      pause_status: "PAUSED",
      file_arrival: { url: "s3://lake-landing/", min_time_between_triggers_seconds: 60, wait_after_last_change_seconds: 60 },
    });
  });
});

describe("the DAG of a file-arrival environment", () => {
  const dev = { ...platform.environments[0], orchestrator: "airflow" as const };
  const lines = airflowDag(platform, dev).split("\n");

  it("runs on its cron or when the landing location's Asset is updated", () => {
    expect(lines.filter((l) => l.includes("schedule=") || l.startsWith("from airflow.sdk"))).toStrictEqual([
      "from airflow.sdk import DAG, AsyncCallback, DeadlineAlert, DeadlineReference, Asset, AssetOrTimeSchedule, CronTriggerTimetable",
      '    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable("30 3 * * *", timezone="Europe/Amsterdam"), assets=[Asset(uri="s3://rtl-dev-landing-111111111111/")]),',
    ]);
  });

  it("keeps the plain cron where the environment runs on its schedule", () => {
    const staging = airflowDag(platform, platform.environments[1]).split("\n");
    expect(staging.filter((l) => l.includes("schedule=") || l.startsWith("from airflow.sdk"))).toStrictEqual([
      "from airflow.sdk import DAG, AsyncCallback, DeadlineAlert, DeadlineReference",
      '    schedule="30 3 * * *",',
    ]);
  });
});

describe("the job's interval parameters", () => {
  it("declares the DAG run's interval and run type as job parameters, empty unless Airflow passes them", () => {
    const s = synthLakehouse({ env: "prod", tweak: (e) => ({ ...e, orchestrator: "airflow" }) });
    expect(resource(s, "databricks_job", "pipeline_job").parameter).toStrictEqual([
      { name: "data_interval_start", default: "" },
      { name: "data_interval_end", default: "" },
      { name: "airflow_run_type", default: "" },
    ]);
  });

  it("declares none where Databricks' scheduler starts the job", () => {
    expect(resource(synthLakehouse({ env: "prod" }), "databricks_job", "pipeline_job").parameter).toBeUndefined();
  });
});

describe("LH-SINGLE-SCHEDULER", () => {
  const schedule = (pauseStatus?: string) => ({ schedule: { quartzCronExpression: "0 0 2 * * ?", timezoneId: "UTC", pauseStatus } });

  it("passes the Airflow-triggered job with a paused schedule, and ignores other jobs and stacks", () => {
    expect(singleScheduler({ test: "pipeline" })(job(stack(), schedule("PAUSED")))).toStrictEqual([]);
    expect(singleScheduler({ test: "monitoring" })(job(stack(), schedule("UNPAUSED")))).toBeUndefined();
    expect(singleScheduler({ other: "pipeline" })(job(stack(), schedule("UNPAUSED")))).toBeUndefined();
  });

  it("fails if the job Airflow triggers would also run by its schedule, trigger or continuous mode", () => {
    const findings = singleScheduler({ test: "pipeline" })(
      job(stack(), {
        ...schedule(undefined),
        trigger: { pauseStatus: "UNPAUSED", fileArrival: { url: "s3://landing/" } },
        continuous: { pauseStatus: "UNPAUSED" },
      }),
    );
    expect(findings?.map((f) => f.message)).toStrictEqual([
      'Airflow triggers this job (orchestrator "airflow"): set its schedule pauseStatus to "PAUSED" (found unset, which runs)',
      'Airflow triggers this job (orchestrator "airflow"): set its trigger pauseStatus to "PAUSED" (found UNPAUSED)',
      'Airflow triggers this job (orchestrator "airflow"): set its continuous pauseStatus to "PAUSED" (found UNPAUSED)',
    ]);
  });
});

describe("writeAirflowDags", () => {
  const withAirflow = (names: string[]): Platform => ({
    ...platform,
    environments: platform.environments.map((e) => ({ ...e, orchestrator: names.includes(`${e.cloud}-${e.name}`) ? "airflow" : "databricks" })),
  });

  it("writes one DAG file per Airflow environment, named by stack, and no folder when none", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "dags-"));
    try {
      writeAirflowDags(withAirflow(["aws-dev", "azure-dev"]), path.join(out, "two"));
      writeAirflowDags(withAirflow([]), path.join(out, "none"));
      expect(fs.readdirSync(path.join(out, "two", "airflow")).sort()).toStrictEqual(["rtl_aws_dev_pipeline.py", "rtl_azure_dev_pipeline.py"]);
      expect(fs.existsSync(path.join(out, "none"))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses an environment whose schedule has no cron equivalent (validation reports it first)", () => {
    const env = { ...platform.environments[0], schedule: { quartzCron: "0 0 2 ? * 6L", timezone: "UTC" } };
    expect(() => airflowDag(platform, env)).toThrow('environments "dev": L, W and # have no Airflow cron equivalent');
  });
});
