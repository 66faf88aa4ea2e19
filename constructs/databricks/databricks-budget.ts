import { Budget } from "@cdktf/provider-databricks/lib/budget";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { EnvRef } from "../../naming";
import { budgetName } from "../../naming/observability";
import type { BudgetsSpec } from "../../platform";

export interface DatabricksBudgetProps {
  readonly ref: EnvRef;
  /** Budgets are account-level objects. */
  readonly accountProvider: DatabricksProvider;
  /** The environment's workspace: the budget counts its usage only. */
  readonly workspaceId: string;
  readonly budgets: BudgetsSpec;
  /** Who is told when spend crosses a threshold. */
  readonly recipients: ReadonlyArray<string>;
  /** The platform's tags: the budget counts usage carrying all of them. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A monthly Databricks budget of one environment: its workspace's usage with the platform's tags, at list price. */
export class DatabricksBudget extends Construct {
  readonly budget: Budget;

  constructor(scope: Construct, id: string, props: DatabricksBudgetProps) {
    super(scope, id);
    const { budgets } = props;
    this.budget = new Budget(this, "budget", {
      provider: props.accountProvider,
      displayName: budgetName(props.ref, "databricks"),
      alertConfigurations: budgets.thresholdsPercent.map((percent) => ({
        timePeriod: "MONTH",
        triggerType: "CUMULATIVE_SPENDING_EXCEEDED",
        quantityType: "LIST_PRICE_DOLLARS_USD",
        quantityThreshold: String((budgets.databricksMonthlyUsd * percent) / 100),
        actionConfigurations: props.recipients.map((target) => ({ actionType: "EMAIL_NOTIFICATION", target })),
      })),
      filter: {
        workspaceId: { operator: "IN", values: [Token.isUnresolved(props.workspaceId) ? Token.asNumber(props.workspaceId) : Number(props.workspaceId)] },
        tags: Object.entries(props.tags).map(([key, value]) => ({ key, value: { operator: "IN", values: [value] } })),
      },
    });
  }
}
