import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import type { EnvRef } from "../../naming";
import { budgetName } from "../../naming/observability";
import type { BudgetsSpec } from "../../platform";

export interface AwsCostBudgetProps {
  readonly ref: EnvRef;
  readonly budgets: BudgetsSpec;
  readonly recipients: ReadonlyArray<string>;
  /**
   * The cost-allocation tag (key and value) the budget counts: every resource of the environment
   * carries it through the provider's default tags. It must be activated as a cost-allocation tag
   * in the payer account's billing console before AWS filters on it.
   */
  readonly costAllocationTag: readonly [string, string];
}

/** A monthly AWS cost budget of one environment, with an e-mail at each threshold of actual spend. */
export class AwsCostBudget extends Construct {
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: AwsCostBudgetProps) {
    super(scope, id);
    const { budgets } = props;
    const [key, value] = props.costAllocationTag;
    this.budget = new BudgetsBudget(this, "budget", {
      name: budgetName(props.ref, "cloud"),
      budgetType: "COST",
      limitAmount: String(budgets.cloudMonthlyAmount),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilter: [{ name: "TagKeyValue", values: [`user:${key}$${value}`] }],
      notification: budgets.thresholdsPercent.map((threshold) => ({
        comparisonOperator: "GREATER_THAN",
        threshold,
        thresholdType: "PERCENTAGE",
        notificationType: "ACTUAL",
        subscriberEmailAddresses: [...props.recipients],
      })),
    });
  }
}
