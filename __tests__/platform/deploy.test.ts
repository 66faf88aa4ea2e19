import { SpecError, validatePlatform } from "../../platform";
import { exampleInput } from "../fixtures/platform";

type Env = ReturnType<typeof exampleInput>["environments"][number];
const withDeploy = (index: number, deploy: Env["deploy"]) => {
  const input = exampleInput();
  input.environments[index] = { ...input.environments[index], deploy };
  return input;
};
const problemsOf = (input: unknown) => {
  try {
    validatePlatform(input);
    return [];
  } catch (err) {
    return (err as SpecError).problems.map((p) => ({ path: p.path, value: p.value }));
  }
};

describe("environment deploy settings", () => {
  it("default to destroy protection on and a GitHub-hosted runner", () => {
    const input = exampleInput();
    delete input.environments[0].deploy;
    expect(validatePlatform(input).environments[0].deploy).toStrictEqual({ destroyProtection: true, runnerLabel: "ubuntu-latest", planRunnerLabel: "ubuntu-latest" });
  });

  it("let a non-production environment opt out of destroy protection", () => {
    expect(validatePlatform(withDeploy(0, { destroyProtection: false })).environments[0].deploy.destroyProtection).toBe(false);
  });

  it("fails if a production environment turns destroy protection off", () => {
    expect(problemsOf(withDeploy(2, { destroyProtection: false }))).toStrictEqual([{ path: "environments[2].deploy.destroyProtection", value: false }]);
  });

  it("fails if an environment without public network access deploys from a GitHub-hosted runner", () => {
    expect(problemsOf(withDeploy(5, { runnerLabel: "ubuntu-24.04", planRunnerLabel: "lakehouse-azure-prod-plan" }))).toStrictEqual([{ path: "environments[5].deploy.runnerLabel", value: "ubuntu-24.04" }]);
  });

  it("fails if the runner label is not one label", () => {
    expect(problemsOf(withDeploy(1, { runnerLabel: "self-hosted, linux" }))).toStrictEqual([{ path: "environments[1].deploy.runnerLabel", value: "self-hosted, linux" }]);
  });

  it("fails if pull-request and drift plans would run on a self-hosted runner an environment applies from", () => {
    const input = withDeploy(5, { runnerLabel: "lakehouse-azure-prod", planRunnerLabel: "lakehouse-azure-prod" });
    input.environments[2] = { ...input.environments[2], deploy: { planRunnerLabel: "lakehouse-azure-prod" } };
    expect(problemsOf(input)).toStrictEqual([
      { path: "environments[2].deploy.planRunnerLabel", value: "lakehouse-azure-prod" },
      { path: "environments[5].deploy.planRunnerLabel", value: "lakehouse-azure-prod" },
    ]);
  });

  it("fails if an environment without public network access is planned from a GitHub-hosted runner", () => {
    expect(problemsOf(withDeploy(5, { runnerLabel: "lakehouse-azure-prod" }))).toStrictEqual([{ path: "environments[5].deploy.planRunnerLabel", value: "ubuntu-latest" }]);
  });

  it("let every environment plan and apply on GitHub-hosted runners (a fresh VM per job)", () => {
    expect(validatePlatform(withDeploy(0, { runnerLabel: "ubuntu-24.04", planRunnerLabel: "ubuntu-24.04" })).environments[0].deploy.planRunnerLabel).toBe("ubuntu-24.04");
  });

  it("says which environment applies from the label", () => {
    const input = withDeploy(2, { planRunnerLabel: "lakehouse-azure-prod" });
    expect(() => validatePlatform(input)).toThrow('drift plans (the read-only plan identity) may not run on a runner that applies deployments ("lakehouse-azure-prod" applies azure-prod): name a separate self-hosted runner, e.g. "lakehouse-azure-prod-plan"');
  });
});
