import { validatePlatform } from "../../platform";
import { exampleInput } from "../fixtures/platform";
import { synthBroken } from "./synth-broken";

describe("table retention", () => {
  it("fails if a table layer keeps less than 7 days, for every such layer at once, saying why", () => {
    const { error } = synthBroken((p) => {
      p.environments[0].retentionDays!.bronze = 1;
      p.environments[2].retentionDays!.gold = 6;
    });
    const why = "Delta's retention check refuses less than 7 days, since a running reader or writer may still use the files it would delete";
    expect(error.problems).toStrictEqual([
      { path: "environments[0].retentionDays.bronze", value: 1, message: `must be at least 7 days: maintenance VACUUMs the bronze tables with this retention, and ${why}` },
      { path: "environments[2].retentionDays.gold", value: 6, message: `must be at least 7 days: maintenance VACUUMs the gold tables with this retention, and ${why}` },
    ]);
  });

  it("accepts 7 days, and any landing retention the schema allows (landing is files, not Delta)", () => {
    const input = exampleInput();
    input.environments[0].retentionDays = { landing: 1, bronze: 7, silver: 7, gold: 7 };
    expect(validatePlatform(input).environments[0].retentionDays).toStrictEqual({ landing: 1, bronze: 7, silver: 7, gold: 7 });
  });
});
