import { type PlatformInput, SpecError, validatePlatform } from "../../platform";
import { DERIVED_NAME_RULES } from "../../naming/rules";
import { platform as oneStack } from "../fixtures/one-stack";

type AwsInput = Extract<PlatformInput["environments"][number], { cloud: "aws" }>;
const input = (): PlatformInput & { environments: AwsInput[] } => structuredClone(oneStack) as PlatformInput & { environments: AwsInput[] };

const problems = (spec: PlatformInput): string[] => {
  try {
    validatePlatform(spec, DERIVED_NAME_RULES);
  } catch (error) {
    if (error instanceof SpecError) return error.message.split("\n").slice(1);
    throw error;
  }
  throw new Error("expected the spec to be rejected");
};

describe("a newcomer's minimal spec", () => {
  it("validates without compute.spot or retentionDays", () => {
    const env = validatePlatform(oneStack, DERIVED_NAME_RULES).environments[0];
    expect(env.compute.spot).toStrictEqual({ enabled: true, fallbackToOnDemand: true, firstOnDemand: 1, bidPricePercent: 100 });
    expect(env.retentionDays).toStrictEqual({ landing: 30, bronze: 365, silver: 730, gold: 1825 });
  });

  it("defaults each retention layer on its own and spot fields the spec leaves out", () => {
    const spec = input();
    spec.environments[0].retentionDays = { landing: 7 };
    spec.environments[0].compute.spot = { enabled: false };
    const env = validatePlatform(spec, DERIVED_NAME_RULES).environments[0];
    expect(env.retentionDays).toStrictEqual({ landing: 7, bronze: 365, silver: 730, gold: 1825 });
    expect(env.compute.spot).toStrictEqual({ enabled: false, fallbackToOnDemand: true, firstOnDemand: 1, bidPricePercent: 100 });
  });

  it("fails if an object without a default is missing, listing the fields it takes", () => {
    const spec = input();
    delete (spec.environments[0] as Partial<AwsInput>).schedule;
    delete (spec.environments[0] as Partial<AwsInput>).notifications;
    expect(problems(spec)).toStrictEqual([
      "  - environments[0].schedule: required: an object { quartzCron, timezone, paused? } (got nothing)",
      "  - environments[0].notifications: required: an object { emails?, webhookDestinationIds?, durationWarningSeconds? } (got nothing)",
    ]);
  });

  it("fails if an object is given as another type, listing the fields it takes", () => {
    const spec = input();
    (spec as { tags: unknown }).tags = "cc-1";
    expect(problems(spec)).toStrictEqual(['  - tags: expected an object { costCenter, owner } (got "cc-1")']);
  });
});
