import { SpecError, validatePlatform } from "../../platform";
import { exampleInput, platform } from "../fixtures/platform";

function problems(edit: (input: ReturnType<typeof exampleInput>) => void) {
  const input = exampleInput();
  edit(input);
  try {
    validatePlatform(input);
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map((p) => p.path);
  }
}

describe("observability spec", () => {
  it("defaults every environment to a small serverless warehouse, hourly alerts and 1000 a month budgets at 80 and 100 %", () => {
    expect(platform.environments[0].observability).toStrictEqual({
      warehouse: { size: "2X-Small", autoStopMinutes: 10, serverless: true, maxClusters: 1 },
      alerts: { quartzCron: "0 0 * * * ?", securityLookbackHours: 2, failedLoginThreshold: 5 },
      budgets: { databricksMonthlyUsd: 1000, cloudMonthlyAmount: 1000, thresholdsPercent: [80, 100] },
    });
  });

  it("fails if a dataset's warning threshold is not below its failing gate", () => {
    expect(problems((i) => void (i.datasets[0].monitoring = { warnFailedFraction: 0.5 }))).toStrictEqual(["datasets[0].monitoring.warnFailedFraction"]);
  });

  it("fails if a classic warehouse stops sooner than 10 minutes", () => {
    expect(problems((i) => void (i.environments[0].observability = { warehouse: { serverless: false, autoStopMinutes: 5 } }))).toStrictEqual([
      "environments[0].observability.warehouse.autoStopMinutes",
    ]);
  });

  it("fails if budget alerts would reach nobody", () => {
    expect(
      problems((i) => {
        i.environments[1].notifications = { ...i.environments[1].notifications, emails: [] };
      }),
    ).toStrictEqual(["environments[1].observability.budgets.recipients"]);
  });

  it("fails if the alert schedule is not a Quartz cron expression", () => {
    expect(problems((i) => void (i.environments[2].observability = { alerts: { quartzCron: "every hour" } }))).toStrictEqual([
      "environments[2].observability.alerts.quartzCron",
    ]);
  });
});
