import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { duplicates, type SpecRule } from "./rule";

/** Principals are unique; the job runs as a declared service principal with an application id. */
export const accessRules: SpecRule = (p: Platform) => {
  const problems: Problem[] = duplicates(p.access.principals, (x) => x.name, (i) => `access.principals[${i}].name`, "principal names");
  p.access.principals.forEach((x, i) => {
    if (x.type === "servicePrincipal" && !x.applicationId) {
      problems.push({ path: `access.principals[${i}].applicationId`, value: undefined, message: "a service principal needs its applicationId" });
    }
  });
  const runAs = p.access.principals.find((x) => x.name === p.access.jobRunAs);
  if (!runAs || runAs.type !== "servicePrincipal") {
    const sps = p.access.principals.filter((x) => x.type === "servicePrincipal").map((x) => x.name);
    problems.push({
      path: "access.jobRunAs",
      value: p.access.jobRunAs,
      message: `must name a service principal in access.principals: ${sps.join(", ") || "(none declared)"}`,
    });
  }
  return problems;
};
