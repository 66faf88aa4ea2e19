import { models, orchestration } from "../../overview/orchestration";
import { platform } from "../fixtures/platform";

const rows = (markdown: string) => markdown.split("\n").slice(2);

describe("overview: orchestration and models", () => {
  it("says which stacks Airflow triggers, with the DAG file and its cron schedule", () => {
    expect(rows(orchestration(platform))).toStrictEqual([
      "| aws-dev | its Databricks schedule | `0 30 3 * * ?` (Quartz) Europe/Amsterdam |",
      "| aws-staging | the Airflow DAG `airflow/rtl_aws_staging_pipeline.py` | `30 3 * * *` (cron) Europe/Amsterdam |",
      "| aws-prod | its Databricks schedule | `0 0 2 * * ?` (Quartz) Europe/Amsterdam |",
      "| azure-dev | its Databricks schedule | `0 30 3 * * ?` (Quartz) Europe/Amsterdam |",
      "| azure-staging | its Databricks schedule | `0 30 3 * * ?` (Quartz) Europe/Amsterdam |",
      "| azure-prod | its Databricks schedule | `0 0 2 * * ?` (Quartz) Europe/Amsterdam |",
    ]);
  });

  it("lists each registered model per stack with ML on, with the job task training it, and nothing without models", () => {
    expect(rows(models(platform))).toStrictEqual([
      "| aws-dev | rtl_dev.ml.customer_ltv | total_spent from order_count | gold.customer_value | @champion | /rtl/dev/rtl-dev-ml | `train_customer_ltv` after `gold_customer_value` |",
      "| azure-dev | rtl_dev.ml.customer_ltv | total_spent from order_count | gold.customer_value | @champion | /rtl/dev/rtl-dev-ml | `train_customer_ltv` after `gold_customer_value` |",
    ]);
    expect(models({ ...platform, ml: undefined })).toBe("");
  });
});
