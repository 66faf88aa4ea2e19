/**
 * The example platform with Airflow orchestrating every environment, each differently: a weekday
 * schedule, a connection the spec names, its own retries and timeout, dev left paused, azure
 * prod notifying only a webhook destination (so its DAG has no deadline alert to mail), and aws dev
 * keeping the example's file arrival trigger (its DAG also runs on the landing location's Asset).
 * Azure dev's continuous trigger gives way to the schedule: Airflow cannot trigger a continuous job.
 */
import { exampleInput } from "../fixtures/platform";

const input = exampleInput();
for (const env of input.environments) {
  env.orchestrator = "airflow";
  env.airflow = { ...env.airflow, principal: "rtl-airflow" };
  if (env.trigger === "continuous") {
    env.trigger = "schedule";
    delete env.continuous;
  }
  if (env.cloud === "azure" && env.name === "prod") {
    env.schedule = { quartzCron: "0 15 6 ? * MON-FRI", timezone: "UTC" };
    env.airflow = { principal: "rtl-airflow", connectionId: "dbx_azure_prod", retries: 0, retryDelaySeconds: 60, runTimeoutSeconds: 7200 };
    env.notifications = { ...env.notifications, emails: [] };
    env.observability = { ...env.observability, budgets: { ...env.observability?.budgets, recipients: ["finance@example.com"] } };
  }
  if (env.cloud === "aws" && env.name === "prod") env.schedule = { quartzCron: "0 0 */6 ? * 2-6", timezone: "America/New_York" };
}

export const platform = input;
