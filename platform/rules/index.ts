import { accessRules } from "./access";
import { airflowIdentityRules } from "./airflow-identity";
import { awsRules } from "./aws";
import { azureRules } from "./azure";
import { azureStateRules } from "./azure-state";
import { datasetRules } from "./datasets";
import { deployRules } from "./deploy";
import { drRules } from "./dr";
import { engineRules } from "./engine";
import { environmentRules } from "./environments";
import { expectationRules } from "./expectations";
import { goldRules } from "./gold";
import { governanceRules } from "./governance";
import { keyListRules } from "./keys";
import { mlRules } from "./ml";
import { observabilityRules } from "./observability";
import { orchestrationRules } from "./orchestration";
import { regexRules } from "./regex";
import { retentionRules } from "./retention";
import { runnerLabelRules } from "./runner-labels";
import type { SpecRule } from "./rule";
import { sqlRules } from "./sql";
import { triggerRules } from "./triggers";
import { typeRules } from "./types";
import { workspaceSecurityRules } from "./workspace-security";

/** Every cross-field rule; validation runs them all and reports every problem at once. */
export const SPEC_RULES: ReadonlyArray<SpecRule> = [
  environmentRules,
  engineRules,
  retentionRules,
  awsRules,
  azureRules,
  azureStateRules,
  datasetRules,
  expectationRules,
  keyListRules,
  typeRules,
  sqlRules,
  regexRules,
  goldRules,
  accessRules,
  deployRules,
  drRules,
  runnerLabelRules,
  governanceRules,
  workspaceSecurityRules,
  observabilityRules,
  orchestrationRules,
  triggerRules,
  airflowIdentityRules,
  mlRules,
];
