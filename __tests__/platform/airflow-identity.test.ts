import { type PlatformInput } from "../../platform";
import { problemsAfter } from "../fixtures/platform";

type AwsInput = Extract<PlatformInput["environments"][number], { cloud: "aws" }>;

const awsStaging = (p: PlatformInput) => p.environments.find((e) => e.cloud === "aws" && e.name === "staging") as AwsInput;
const ACCEPTED = "a service principal of access.principals other than access.jobRunAs: rtl-airflow";

describe("Airflow identity rule", () => {
  it("accepts the example: AWS staging names rtl-airflow", () => {
    expect(problemsAfter(() => undefined)).toStrictEqual([]);
  });

  it("fails if an environment Airflow orchestrates names no identity", () => {
    const problems = problemsAfter((p) => delete awsStaging(p).airflow?.principal);
    expect(problems).toStrictEqual([
      { path: "environments[1].airflow.principal", value: undefined, message: `orchestrator "airflow" needs the identity Airflow runs the job as: ${ACCEPTED}` },
    ]);
  });

  it.each([
    ["a group", "analysts"],
    ["the job's run-as principal", "rtl-pipeline"],
    ["an unknown principal", "airflow-prod"],
  ])("fails if the identity is %s", (_what, name) => {
    const problems = problemsAfter((p) => Object.assign(awsStaging(p).airflow ?? {}, { principal: name }));
    expect(problems).toStrictEqual([{ path: "environments[1].airflow.principal", value: name, message: `expected ${ACCEPTED}` }]);
  });
});
