export * from "./schema";
export { validatePlatform } from "./validate";
export { SpecError, type Problem, formatProblem } from "./problem";
export { resolveColumn, silverColumns } from "./columns";
export { assertDeployValues, deployValueMode, DeployValuesError, fromEnv, PLACEHOLDERS_VARIABLE, STRICT_VARIABLE } from "./from-env";
export { warnFailedFraction } from "./monitoring";
export { airflowCron, type AirflowCron } from "./airflow-cron";
