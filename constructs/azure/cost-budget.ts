import { ConsumptionBudgetResourceGroup } from "@cdktf/provider-azurerm/lib/consumption-budget-resource-group";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { EnvRef } from "../../naming";
import { budgetName } from "../../naming/observability";
import type { BudgetsSpec } from "../../platform";

export interface AzureCostBudgetProps {
  readonly ref: EnvRef;
  /** The environment's resource group. */
  readonly resourceGroupId: string;
  readonly budgets: BudgetsSpec;
  readonly recipients: ReadonlyArray<string>;
}

/**
 * A monthly consumption budget on the environment's resource group (amount in the billing
 * currency), with an e-mail at each threshold of actual spend.
 */
export class AzureCostBudget extends Construct {
  readonly budget: ConsumptionBudgetResourceGroup;

  constructor(scope: Construct, id: string, props: AzureCostBudgetProps) {
    super(scope, id);
    const { budgets } = props;
    this.budget = new ConsumptionBudgetResourceGroup(this, "budget", {
      name: budgetName(props.ref, "cloud"),
      resourceGroupId: props.resourceGroupId,
      amount: budgets.cloudMonthlyAmount,
      timeGrain: "Monthly",
      // Azure wants the first day of the current month at creation; after that the start stays put.
      timePeriod: { startDate: Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()) },
      notification: budgets.thresholdsPercent.map((threshold) => ({
        enabled: true,
        operator: "GreaterThan",
        threshold,
        thresholdType: "Actual",
        contactEmails: [...props.recipients],
      })),
      lifecycle: { ignoreChanges: ["time_period"] },
    });
  }
}
