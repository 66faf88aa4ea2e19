/** Every stack of both examples passes the access check. */
import { planPipeline } from "../../jobs";
import { validatePlatform } from "../../platform";
import { deployedEnvironments } from "../../platform/dr";
import { accessViolations } from "../../stacks/access-check";
import { platform as logisticsPlatform } from "../../examples/logistics";
import { retailPlatform } from "../../examples/retail";
import { synthStacks } from "../stacks/example-stacks";

describe.each([
  ["retail", retailPlatform],
  ["logistics", logisticsPlatform],
])("access check: the %s example", (_name, input) => {
  const platform = validatePlatform(input);
  const stacks = synthStacks(input);

  it("synthesizes every environment's stack and each DR secondary's", () => {
    expect([...stacks.keys()].sort()).toStrictEqual(deployedEnvironments(platform.environments).map((e) => `${e.cloud}-${e.name}`).sort());
  });

  it("checks the retail example's DR secondaries too", () => {
    expect(deployedEnvironments(validatePlatform(retailPlatform).environments).map((e) => `${e.cloud}-${e.name}`)).toStrictEqual(
      ["aws-dev", "aws-staging", "aws-prod", "aws-proddr", "azure-dev", "azure-staging", "azure-prod", "azure-proddr"],
    );
  });

  it("passes in every stack: each task's needs granted, nothing wider than the spec", () => {
    expect(accessViolations(platform, planPipeline(platform), stacks)).toStrictEqual([]);
  });
});
