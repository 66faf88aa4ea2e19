import { environmentNeeds } from "../../access/needs";
import { retailPlatform } from "../../examples/retail";
import { planPipeline } from "../../jobs";
import { validatePlatform } from "../../platform";

const SP = "11111111-2222-3333-4444-555555555555";
const platform = validatePlatform(retailPlatform);
const plan = planPipeline(platform);
const triggerNeeds = (cloud: string, name: string) => {
  const environment = platform.environments.find((e) => e.cloud === cloud && e.name === name);
  if (!environment) throw new Error(`no ${cloud}-${name}`);
  return environmentNeeds(platform, environment, plan)
    .filter((n) => n.task.endsWith("trigger"))
    .map((n) => [n.task, n.principal, n.privilege, `${n.securable.kind} ${n.securable.name}`]);
};

describe("what a trigger needs", () => {
  it("gives the file arrival trigger READ FILES on the landing location, for the run-as principal", () => {
    expect(triggerNeeds("aws", "dev")).toStrictEqual([["file arrival trigger", SP, "READ_FILES", "external_location rtl_dev_landing"]]);
  });

  it("gives the table update trigger SELECT on every silver table it watches, with the catalog and schema on the path", () => {
    expect(triggerNeeds("azure", "dev")).toStrictEqual([
      ["table update trigger", SP, "USE_CATALOG", "catalog rtl_dev"],
      ...["customers", "products", "orders", "payments"].flatMap((t) => [
        ["table update trigger", SP, "USE_SCHEMA", "schema rtl_dev.silver"],
        ["table update trigger", SP, "SELECT", `table rtl_dev.silver.${t}`],
      ]),
    ]);
  });

  it("adds nothing for a schedule", () => {
    expect(triggerNeeds("aws", "prod")).toStrictEqual([]);
  });
});
