import { accessRules } from "./access";
import { azureRules } from "./azure";
import { datasetRules } from "./datasets";
import { deployRules } from "./deploy";
import { environmentRules } from "./environments";
import { goldRules } from "./gold";
import { governanceRules } from "./governance";
import type { SpecRule } from "./rule";
import { workspaceSecurityRules } from "./workspace-security";

/** Every cross-field rule; validation runs them all and reports every problem at once. */
export const SPEC_RULES: ReadonlyArray<SpecRule> = [
  environmentRules,
  datasetRules,
  goldRules,
  accessRules,
  azureRules,
  deployRules,
  governanceRules,
  workspaceSecurityRules,
];
