import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { tagsPresent } from "../../guardrails/rules/tags-present";
import { awsProvider, stack, TAGS, workspaceProvider } from "./stacks";

const rule = tagsPresent(Object.keys(TAGS));

describe("LH-TAGS", () => {
  it("passes an AWS resource tagged through the provider's default tags", () => {
    const s = stack();
    awsProvider(s);
    expect(rule(new KmsKey(s, "key", {}))).toStrictEqual([]);
  });

  it("passes an AWS resource whose own tags complete the default tags", () => {
    const s = stack();
    awsProvider(s, { costCenter: "cc-1" });
    expect(rule(new KmsKey(s, "key", { tags: { owner: "team@example.com" } }))).toStrictEqual([]);
  });

  it("reads the default tags of the aliased provider a resource names", () => {
    const s = stack();
    awsProvider(s, {});
    const provider = new AwsProvider(s, "us", { alias: "us", region: "us-east-1", defaultTags: [{ tags: TAGS }] });
    expect(rule(new KmsKey(s, "key", { provider }))).toStrictEqual([]);
  });

  it("passes an Azure resource with the tags on itself", () => {
    expect(rule(new ResourceGroup(stack(), "rg", { name: "rg", location: "westeurope", tags: TAGS }))).toStrictEqual([]);
  });

  it("ignores resources that cannot be tagged and non-AWS/Azure resources", () => {
    const s = stack();
    expect(rule(workspaceProvider(s))).toBeUndefined();
    expect(rule(s)).toBeUndefined();
  });

  it("fails if an AWS resource has neither default nor own platform tags", () => {
    const s = stack();
    awsProvider(s, { costCenter: "cc-1" });
    const findings = rule(new KmsKey(s, "key", {}));
    expect(findings).toStrictEqual([{ ruleId: "LH-TAGS", path: "test/key", message: "add the tag(s) owner to the AWS provider's defaultTags or the resource's tags" }]);
  });

  it("fails if an Azure resource has no tags (azurerm has no default tags)", () => {
    const findings = rule(new ResourceGroup(stack(), "rg", { name: "rg", location: "westeurope" }));
    expect(findings?.[0].message).toBe("add the tag(s) costCenter, owner to the resource's tags");
  });
});
