import type { Problem } from "../problem";
import type { Platform } from "../schema";
import type { SpecRule } from "./rule";

/**
 * An environment Airflow orchestrates names the identity Airflow runs the job as (`airflow.principal`): a service
 * principal of access.principals other than the job's run-as principal, so the stack can assign it to the workspace
 * and give it CAN_MANAGE_RUN on the job, and nothing that runs the pipeline's code.
 */
export const airflowIdentityRules: SpecRule = (p: Platform) => {
  const sps = p.access.principals.filter((x) => x.type === "servicePrincipal" && x.name !== p.access.jobRunAs).map((x) => x.name);
  const accepted = `a service principal of access.principals other than access.jobRunAs: ${sps.join(", ") || "(none declared)"}`;
  return p.environments.flatMap((env, i): Problem[] => {
    if (env.orchestrator !== "airflow") return [];
    const at = `environments[${i}].airflow.principal`;
    const name = env.airflow.principal;
    if (name === undefined) return [{ path: at, value: name, message: `orchestrator "airflow" needs the identity Airflow runs the job as: ${accepted}` }];
    return sps.includes(name) ? [] : [{ path: at, value: name, message: `expected ${accepted}` }];
  });
};
