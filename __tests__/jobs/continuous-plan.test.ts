import { planPipeline } from "../../jobs";
import { continuousPlans } from "../../jobs/continuous-plan";
import { withDbtGold } from "../../jobs/dbt-task";
import type { PipelinePlan } from "../../jobs/plan";
import { platform } from "../fixtures/platform";

const plan = planPipeline(platform);
const edges = (p: PipelinePlan) => Object.fromEntries(p.tasks.map((t) => [t.taskKey, t.dependsOn]));

describe("continuousPlans", () => {
  const { ingestion, downstream } = continuousPlans(plan);

  it("puts bronze, silver and the governance setup in the continuous job, with no edges: a continuous job takes no task dependencies", () => {
    expect(edges(ingestion)).toStrictEqual({
      bronze_customers: [],
      bronze_orders: [],
      bronze_payments: [],
      bronze_products: [],
      governance_setup: [],
      silver_customers: [],
      silver_orders: [],
      silver_payments: [],
      silver_products: [],
    });
  });

  it("puts everything after silver in the downstream job, keeping the edges among its own tasks (gold after the validation) and dropping those to silver", () => {
    expect(edges(downstream)).toStrictEqual({
      gold_customer_value: ["governance_setup", "validate_expectations"],
      gold_daily_sales: ["validate_expectations"],
      gold_payment_mix: ["validate_expectations"],
      governance: ["gold_customer_value", "gold_daily_sales", "gold_payment_mix"],
      governance_setup: [],
      maintenance: ["gold_customer_value", "gold_daily_sales", "gold_payment_mix", "governance", "governance_setup"],
      score_customer_ltv: ["train_customer_ltv"],
      train_customer_ltv: ["gold_customer_value"],
      validate_expectations: [],
    });
  });

  it("loses no task: every task of the plan is in one job, the governance setup in both", () => {
    const keys = [...ingestion.tasks, ...downstream.tasks].map((t) => t.taskKey).sort();
    expect(keys).toStrictEqual([...plan.tasks.map((t) => t.taskKey), "governance_setup"].sort());
  });

  it("moves the dbt task to the downstream job, waiting only for the setup and the validation there", () => {
    const dbt = continuousPlans(withDbtGold(plan));
    expect([dbt.ingestion.dbt, dbt.downstream.dbt?.taskKey, dbt.downstream.dbt?.dependsOn]).toStrictEqual([
      undefined,
      "dbt_gold",
      ["governance_setup", "validate_expectations"],
    ]);
  });
});
