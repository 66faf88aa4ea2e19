import { AzureCostBudget } from "../../constructs/azure/cost-budget";
import { envRef } from "../../naming";
import { azureEnv, platform } from "../fixtures/platform";
import { only, synthStack } from "./synth";

const env = azureEnv("staging");

describe("AzureCostBudget", () => {
  it("budgets the environment's resource group per month from the first of the month it is created in", () => {
    const out = synthStack((stack) => {
      const budgets = { ...env.observability.budgets, cloudMonthlyAmount: 2000, thresholdsPercent: [90] };
      new AzureCostBudget(stack, "budget", { ref: envRef(platform, env), resourceGroupId: "/subscriptions/s/resourceGroups/rg", budgets, recipients: ["finops@example.com"] });
    });
    expect(only(out, "azurerm_consumption_budget_resource_group")).toStrictEqual({
      name: "rtl-staging-cloud-monthly",
      resource_group_id: "/subscriptions/s/resourceGroups/rg",
      amount: 2000,
      time_grain: "Monthly",
      time_period: { start_date: "${formatdate(\"YYYY-MM-01'T'00:00:00Z\", timestamp())}" },
      notification: [{ enabled: true, operator: "GreaterThan", threshold: 90, threshold_type: "Actual", contact_emails: ["finops@example.com"] }],
      lifecycle: { ignore_changes: ["time_period"] },
    });
  });
});
