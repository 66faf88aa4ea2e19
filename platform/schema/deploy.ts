import { z } from "zod";

const runnerLabel = z.string().regex(/^[\w.-]+$/, "expected one runner label: letters, digits, '.', '_' or '-'");

/** How an environment is deployed from CI. Every field has a default, so existing specs stay valid. */
export const deploySchema = z
  .strictObject({
    /**
     * `prevent_destroy` on every resource that holds data or identity, and the deploy gate that
     * stops a plan destroying or replacing one. Only a throwaway non-production environment may
     * turn it off (an environment whose name starts with "prod" never can).
     * @default true
     */
    destroyProtection: z.boolean().default(true),
    /**
     * The GitHub Actions runner label the environment plans and deploys from. An environment with
     * public network access off needs a self-hosted runner inside its network (Private Link).
     * @default "ubuntu-latest" (a GitHub-hosted runner)
     */
    runnerLabel: runnerLabel.default("ubuntu-latest"),
    /**
     * The label drift plans of the environment run on (main's code, the read-only plan identity),
     * and pull-request plans too when both labels are GitHub-hosted (`isPullRequestPlanned`). A
     * self-hosted one may never be a label any environment applies from (rules/runner-labels.ts);
     * a private environment needs one inside its network.
     * @default "ubuntu-latest" (a GitHub-hosted runner)
     */
    planRunnerLabel: runnerLabel.default("ubuntu-latest"),
  })
  .default({ destroyProtection: true, runnerLabel: "ubuntu-latest", planRunnerLabel: "ubuntu-latest" });
export type DeploySpec = z.output<typeof deploySchema>;

/** Production environments: their destroy protection cannot be switched off. */
export const isProduction = (environmentName: string): boolean => environmentName.startsWith("prod");

/** Labels of GitHub-hosted runners: outside every private network. */
export const isHostedRunner = (label: string): boolean => /^(ubuntu|windows|macos)-/.test(label);

/**
 * Whether pull requests plan the environment: only when it deploys and plans from GitHub-hosted
 * runners (a fresh VM per job, outside every private network). Planning is code execution (an
 * `external` data source), so a private environment gets no pull-request plan: its deploy-time
 * plan, shown before the approval, takes that place (rules/runner-labels.ts).
 */
export const isPullRequestPlanned = (deploy: { runnerLabel: string; planRunnerLabel: string }): boolean =>
  isHostedRunner(deploy.runnerLabel) && isHostedRunner(deploy.planRunnerLabel);
