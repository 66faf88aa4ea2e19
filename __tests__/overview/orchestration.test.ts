import { models, orchestration } from "../../overview/orchestration";
import { platform } from "../fixtures/platform";

const rows = (markdown: string) => markdown.split("\n").slice(2);

describe("overview: orchestration and models", () => {
  it("says what starts each stack's job: the schedule, a file landing, continuous with its downstream job, or Airflow", () => {
    expect(rows(orchestration(platform))).toStrictEqual([
      "| aws-dev | fileArrival | a file landing (file arrival trigger) | new files in `s3://rtl-dev-landing-111111111111/`, at most every 60 s, 60 s after the last one |",
      "| aws-staging | schedule | the Airflow DAG `airflow/rtl_aws_staging_pipeline.py` | `30 3 * * *` (cron) Europe/Amsterdam |",
      "| aws-prod | schedule | its Databricks schedule | `0 0 2 * * ?` (Quartz) Europe/Amsterdam |",
      "| azure-dev | continuous | continuous: `rtl-dev-pipeline` (bronze, silver) runs without pause | `rtl-dev-downstream` (gold and the rest) when a silver table changes (table update trigger), at most every 300 s, 60 s after the last change |",
      "| azure-staging | schedule | its Databricks schedule | `0 30 3 * * ?` (Quartz) Europe/Amsterdam |",
      "| azure-prod | schedule | its Databricks schedule | `0 0 2 * * ?` (Quartz) Europe/Amsterdam |",
    ]);
  });

  it("adds the landing Asset to the Airflow DAG's cron in a file-arrival environment", () => {
    const env = platform.environments[0];
    const airflow = { ...platform, environments: [{ ...env, orchestrator: "airflow" as const }] };
    expect(rows(orchestration(airflow))).toStrictEqual([
      "| aws-dev | fileArrival | the Airflow DAG `airflow/rtl_aws_dev_pipeline.py` | `30 3 * * *` (cron) Europe/Amsterdam, or when the Asset `s3://rtl-dev-landing-111111111111/` is updated |",
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
