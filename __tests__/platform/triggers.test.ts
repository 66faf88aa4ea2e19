import { type PlatformInput, validatePlatform } from "../../platform";
import { exampleInput, problemsAfter } from "../fixtures/platform";

type EnvInput = PlatformInput["environments"][number];
/** Changes the example's environment at `index` (0 aws dev, 1 aws staging, 2 aws prod, 3 azure dev, ...). */
const env = (index: number, change: (e: EnvInput) => void) => (p: PlatformInput) => change(p.environments[index]);

describe("trigger spec", () => {
  it("defaults to the schedule, with no trigger blocks; the example has aws dev on file arrival and azure dev continuous", () => {
    const input = exampleInput();
    delete input.environments[0].trigger;
    delete input.environments[0].fileArrival;
    const platform = validatePlatform(input);
    expect([platform.environments[0].trigger, platform.environments[0].fileArrival, platform.environments[0].continuous]).toStrictEqual(["schedule", undefined, undefined]);
    expect(validatePlatform(exampleInput()).environments.map((e) => `${e.cloud}-${e.name} ${e.trigger}`)).toStrictEqual([
      "aws-dev fileArrival",
      "aws-staging schedule",
      "aws-prod schedule",
      "azure-dev continuous",
      "azure-staging schedule",
      "azure-prod schedule",
    ]);
  });

  it("fills the file arrival timings with the Jobs API's minimum, 60 s", () => {
    expect(validatePlatform(exampleInput()).environments[0].fileArrival).toStrictEqual({ minTimeBetweenTriggersSeconds: 60, waitAfterLastChangeSeconds: 60, maxFilesPerDay: 500 });
  });

  it("fails if a trigger is not one of schedule, fileArrival, continuous", () => {
    expect(problemsAfter(env(1, (e) => Object.assign(e, { trigger: "hourly" })))).toStrictEqual([
      { path: "environments[1].trigger", value: "hourly", message: 'expected one of "schedule"|"fileArrival"|"continuous"' },
    ]);
  });
});

describe("trigger rules", () => {
  it("fails if file arrival has no maxFilesPerDay, naming the landing retention and the 10,000-file bound", () => {
    expect(problemsAfter(env(0, (e) => delete e.fileArrival))).toStrictEqual([
      {
        path: "environments[0].fileArrival.maxFilesPerDay",
        value: undefined,
        message:
          'required with trigger "fileArrival": the most files landing per day, so that landing (which keeps files retentionDays.landing = 7 days) stays within the trigger\'s 10000 files',
      },
    ]);
  });

  it("fails if landing would hold more than 10,000 files, saying the largest maxFilesPerDay accepted", () => {
    expect(problemsAfter(env(0, (e) => Object.assign(e, { fileArrival: { maxFilesPerDay: 1500 } })))).toStrictEqual([
      {
        path: "environments[0].fileArrival.maxFilesPerDay",
        value: 1500,
        message:
          'landing would hold up to 10500 files (1500 a day for retentionDays.landing = 7 days); a file arrival trigger watches at most 10000: accepted is maxFilesPerDay <= 1428 at this retention, a shorter retentionDays.landing, or trigger "schedule"',
      },
    ]);
  });

  it("fails if a trigger timing is under the Jobs API's 60 s, reporting every one at once", () => {
    const problems = problemsAfter((p) => {
      p.environments[0].fileArrival = { maxFilesPerDay: 10, minTimeBetweenTriggersSeconds: 30, waitAfterLastChangeSeconds: 0 };
      p.environments[3].continuous = { waitAfterLastChangeSeconds: 59 };
    });
    expect(problems.map((p) => [p.path, p.value, p.message])).toStrictEqual([
      ["environments[0].fileArrival.minTimeBetweenTriggersSeconds", 30, "must be at least 60 seconds, the Jobs API's minimum"],
      ["environments[0].fileArrival.waitAfterLastChangeSeconds", 0, "must be at least 60 seconds, the Jobs API's minimum"],
      ["environments[3].continuous.waitAfterLastChangeSeconds", 59, "must be at least 60 seconds, the Jobs API's minimum"],
    ]);
  });

  it("fails if a continuous environment is orchestrated by Airflow", () => {
    expect(problemsAfter(env(3, (e) => Object.assign(e, { orchestrator: "airflow", airflow: { principal: "rtl-airflow" } })))).toStrictEqual([
      {
        path: "environments[3].orchestrator",
        value: "airflow",
        message: 'a continuous job runs all the time and Airflow cannot trigger it: accepted with trigger "continuous" is orchestrator "databricks"; keep Airflow with trigger "schedule" or "fileArrival"',
      },
    ]);
  });

  it("fails if a trigger's block is set for another trigger, which would be ignored", () => {
    const problems = problemsAfter((p) => {
      p.environments[2].fileArrival = { maxFilesPerDay: 10 };
      p.environments[5].continuous = {};
    });
    expect(problems).toStrictEqual([
      {
        path: "environments[2].fileArrival",
        value: { minTimeBetweenTriggersSeconds: 60, waitAfterLastChangeSeconds: 60, maxFilesPerDay: 10 },
        message: 'is read only when trigger is "fileArrival" (trigger is "schedule"): remove it or set trigger: "fileArrival"',
      },
      {
        path: "environments[5].continuous",
        value: { downstream: "tableUpdate", minTimeBetweenTriggersSeconds: 300, waitAfterLastChangeSeconds: 60 },
        message: 'is read only when trigger is "continuous" (trigger is "schedule"): remove it or set trigger: "continuous"',
      },
    ]);
  });

  it("accepts file arrival under Airflow: the DAG then also runs on the landing Asset", () => {
    expect(problemsAfter(env(0, (e) => Object.assign(e, { orchestrator: "airflow", airflow: { principal: "rtl-airflow" } })))).toStrictEqual([]);
  });
});
