import { AwsCostBudget } from "../../constructs/aws/cost-budget";
import { envRef } from "../../naming";
import { awsEnv, platform } from "../fixtures/platform";
import { synth } from "./synth";

const env = awsEnv("prod");

describe("AwsCostBudget", () => {
  it("limits the environment's monthly cost, counted by its cost-allocation tag, with an e-mail at each threshold", () => {
    const out = synth((stack) => {
      const budgets = { ...env.observability.budgets, cloudMonthlyAmount: 3000, thresholdsPercent: [80, 100] };
      new AwsCostBudget(stack, "budget", { ref: envRef(platform, env), budgets, recipients: ["finops@example.com"], costAllocationTag: ["environment", "prod"] });
    });
    const notification = (threshold: number) => ({
      comparison_operator: "GREATER_THAN",
      threshold,
      threshold_type: "PERCENTAGE",
      notification_type: "ACTUAL",
      subscriber_email_addresses: ["finops@example.com"],
    });
    expect(Object.values(out.resource.aws_budgets_budget)).toStrictEqual([
      {
        name: "rtl-prod-cloud-monthly",
        budget_type: "COST",
        limit_amount: "3000",
        limit_unit: "USD",
        time_unit: "MONTHLY",
        cost_filter: [{ name: "TagKeyValue", values: ["user:environment$prod"] }],
        notification: [notification(80), notification(100)],
      },
    ]);
  });
});
