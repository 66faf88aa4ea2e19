/**
 * `tsx scripts/deploy-trust.ts <owner>/<repo> [deploy-targets.json]`: the cloud-side trust
 * conditions of every identity the workflows use, per stack, as JSON. No stack creates these
 * identities (they exist before the first deploy), so this prints what to configure on them.
 *
 * It assumes the repository's OIDC subject template includes the calling workflow file
 * (PUT /repos/{owner}/{repo}/actions/oidc/customization/sub with
 * {"use_default": false, "include_claim_keys": ["repo", "context", "job_workflow_ref"]}), so the
 * subject names the environment and the workflow file with its ref, e.g.
 * repo:o/r:environment:aws-prod:job_workflow_ref:o/r/.github/workflows/deploy.yml@refs/heads/main.
 * AWS: the role's trust policy admits exactly these `token.actions.githubusercontent.com:sub`
 * values (StringEquals; StringLike for the pull-request wildcard) with aud sts.amazonaws.com. Azure
 * and Databricks: one federated credential / federation policy per subject.
 * https://docs.github.com/en/actions/reference/security/oidc (sub, job_workflow_ref, customization)
 */
import * as fs from "node:fs";
import type { DeployTarget } from "../stacks/deploy-targets";
import { planTargets } from "./plan-targets";

/** One identity: the environments whose jobs may mint it, and the workflow files that name them. */
export interface Trust {
  readonly identity: string;
  readonly subjects: readonly string[];
}

const subject = (repo: string, environment: string, workflow: string, ref: string) =>
  `repo:${repo}:environment:${environment}:job_workflow_ref:${repo}/.github/workflows/${workflow}@${ref}`;

/** Per stack: the deploy identity, the read-only plan identity and, when pull requests plan it, the pull-request plan identity. */
export function trustConditions(repo: string, targets: Record<string, DeployTarget>): Record<string, Trust[]> {
  const main = "refs/heads/main";
  const { pullRequest } = planTargets(targets);
  return Object.fromEntries(
    Object.keys(targets)
      .sort()
      .map((stack) => {
        const trusts: Trust[] = [
          // Push, dispatch (rollback) and allowed stateful destroy: the same deploy identity, only from deploy.yml on main.
          { identity: `${stack} deploy`, subjects: [stack, `${stack}-rollback`, `${stack}-destroy`].map((env) => subject(repo, env, "deploy.yml", main)) },
          { identity: `${stack} plan (read-only)`, subjects: [subject(repo, `${stack}-plan`, "deploy.yml", main), subject(repo, `${stack}-plan`, "drift.yml", main)] },
        ];
        // Pull-request refs differ per pull request: a wildcard (AWS StringLike), never on main's identities.
        if (pullRequest.includes(stack)) trusts.push({ identity: `${stack} pull-request plan (read-only)`, subjects: [subject(repo, `${stack}-pr-plan`, "pull-request.yml", "refs/pull/*/merge")] });
        return [stack, trusts];
      }),
  );
}

if (require.main === module) {
  const [repo, file = "cdktf.out/deploy-targets.json"] = process.argv.slice(2);
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo ?? "")) {
    console.error("usage: tsx scripts/deploy-trust.ts <owner>/<repo> [deploy-targets.json]");
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(trustConditions(repo, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, DeployTarget>), null, 2)}\n`);
}
