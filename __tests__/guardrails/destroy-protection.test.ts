import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Testing } from "cdktf";
import { STATEFUL_RESOURCE_TYPES, protectStatefulResources } from "../../guardrails";
import { exampleInput } from "../fixtures/platform";
import { resources, type StackJson, synthStacks } from "../stacks/example-stacks";
import { awsProvider, stack as testStack } from "./stacks";

/** Stateful resources of a synthesized stack that lack prevent_destroy, as addresses. */
const unprotected = (stack: StackJson) =>
  resources(stack)
    .filter(([type, , body]) => STATEFUL_RESOURCE_TYPES.has(type) && body.lifecycle?.prevent_destroy !== true)
    .map(([type, name]) => `${type}.${name}`);

// Names that say "this holds data or identity": a new resource type like these must join the list.
const LOOKS_STATEFUL = /(bucket|kms_key|key_vault(_key)?|storage_account|storage_container|workspaces?|metastore(_assignment)?|catalog|schema|external_location|storage_credential|credentials|storage_configurations|customer_managed_keys|iam_role|resource_group|access_connector|user_assigned_identity)$/;

// Types whose name reads stateful but which hold nothing: re-creating them loses no data or identity.
const NOT_STATEFUL = new Set([
  "databricks_system_schema", // switches a system schema on; the data stays in Databricks' system catalog
  "azurerm_consumption_budget_resource_group", // a budget on the group, not the group
]);

const example = synthStacks(exampleInput());

describe("destroy protection", () => {
  it.each([...example.keys()])("%s: every stateful resource carries prevent_destroy", (id) => {
    expect(unprotected(example.get(id)!)).toStrictEqual([]);
  });

  it("leaves stateless resources (jobs, notebooks, grants, policies) free to be replaced", () => {
    const protectedTypes = new Set(
      [...example.values()].flatMap(resources).filter(([, , body]) => body.lifecycle?.prevent_destroy).map(([type]) => type),
    );
    expect([...protectedTypes].filter((t) => !STATEFUL_RESOURCE_TYPES.has(t))).toStrictEqual([]);
    expect([...protectedTypes]).toEqual(expect.arrayContaining(["aws_s3_bucket", "azurerm_storage_account", "databricks_catalog", "databricks_metastore_assignment"]));
    expect(protectedTypes.has("databricks_job")).toBe(false);
  });

  it("knows every resource type of the example whose name says it holds data or identity", () => {
    const types = new Set([...example.values()].flatMap(resources).map(([type]) => type));
    expect([...types].filter((t) => LOOKS_STATEFUL.test(t) && !NOT_STATEFUL.has(t) && !STATEFUL_RESOURCE_TYPES.has(t))).toStrictEqual([]);
  });

  it("fails if a stateful resource lacks it: a bucket built without the Aspect is reported", () => {
    const stack = testStack();
    awsProvider(stack);
    new S3Bucket(stack, "lake", { bucket: "lake-bucket" });
    expect(unprotected(JSON.parse(Testing.synth(stack)))).toStrictEqual(["aws_s3_bucket.lake"]);
    protectStatefulResources(stack, true);
    expect(unprotected(JSON.parse(Testing.synth(stack)))).toStrictEqual([]);
  });

  it("is switched off only for an environment whose spec opts out (a throwaway dev)", () => {
    const input = exampleInput();
    input.environments[0] = { ...input.environments[0], deploy: { destroyProtection: false } };
    const stacks = synthStacks(input);
    expect(resources(stacks.get("aws-dev")!).filter(([, , body]) => body.lifecycle?.prevent_destroy)).toStrictEqual([]);
    expect(unprotected(stacks.get("aws-staging")!)).toStrictEqual([]);
  });
});
