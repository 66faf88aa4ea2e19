import type { RequirementsByStack } from "../guardrails";
import { stackName } from "../naming";
import type { Platform } from "../platform";

/** What each stack's spec asks of its workspace, for the guardrails that check CMKs and hardening. */
export function workspaceRequirements(platform: Platform): RequirementsByStack {
  return Object.fromEntries(
    platform.environments.map((environment) => {
      const s = environment.security;
      return [
        stackName(environment),
        {
          customerManagedKeys: environment.cloud === "aws" && environment.aws.customerManagedKeys,
          allowResultsDownload: s.allowResultsDownload,
          allowDbfsFileBrowser: s.allowDbfsFileBrowser,
          allowNotebookExport: s.allowNotebookExport,
          maxTokenLifetimeDays: s.maxTokenLifetimeDays,
          ipAccessLists: s.ipAccessLists.length > 0,
          complianceSecurityProfile: s.complianceSecurityProfile !== undefined,
        },
      ];
    }),
  );
}
