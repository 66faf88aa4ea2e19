import { accessRules } from "./access";
import { awsRules } from "./aws";
import { azureRules } from "./azure";
import { azureStateRules } from "./azure-state";
import { datasetRules } from "./datasets";
import { deployRules } from "./deploy";
import { environmentRules } from "./environments";
import { goldRules } from "./gold";
import { governanceRules } from "./governance";
import { keyListRules } from "./keys";
import { observabilityRules } from "./observability";
import { regexRules } from "./regex";
import type { SpecRule } from "./rule";
import { sqlRules } from "./sql";
import { typeRules } from "./types";
import { workspaceSecurityRules } from "./workspace-security";

/** Every cross-field rule; validation runs them all and reports every problem at once. */
export const SPEC_RULES: ReadonlyArray<SpecRule> = [
  environmentRules,
  awsRules,
  azureRules,
  azureStateRules,
  datasetRules,
  keyListRules,
  typeRules,
  sqlRules,
  regexRules,
  goldRules,
  accessRules,
  deployRules,
  governanceRules,
  workspaceSecurityRules,
  observabilityRules,
];
