import { Catalog } from "@cdktf/provider-databricks/lib/catalog";
import { ExternalLocation } from "@cdktf/provider-databricks/lib/external-location";
import { Metastore } from "@cdktf/provider-databricks/lib/metastore";
import { MetastoreAssignment } from "@cdktf/provider-databricks/lib/metastore-assignment";
import { Schema } from "@cdktf/provider-databricks/lib/schema";
import { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { ACCESS_CONNECTOR_ID, ROLE_ARN } from "./fake-foundation";
import { only, resource, synthLakehouse } from "./synth";

const SP = "11111111-2222-3333-4444-555555555555";
const CREDENTIAL_WAIT = "time_sleep.cloud_credential_usable_E87311AF";

describe("Unity Catalog metastore", () => {
  it("reuses an existing metastore by id and creates none", () => {
    const s = synthLakehouse({ tweak: (e) => ({ ...e, metastore: { existingId: "ms-123" } }) });
    expect(s.tf.resource.databricks_metastore).toBeUndefined();
    expect(only(s, "databricks_metastore_assignment")).toStrictEqual({
      provider: "databricks.account",
      metastore_id: "ms-123",
      workspace_id: "1234567890",
    });
  });

  it("creates a metastore in the workspace's region, without a storage root, when asked", () => {
    const s = synthLakehouse({ cloud: "azure", tweak: (e) => ({ ...e, metastore: { create: {} } }) });
    expect(only(s, "databricks_metastore")).toStrictEqual({
      provider: "databricks.account",
      name: "rtl-dev-metastore",
      region: "westeurope",
      force_destroy: false,
    });
    expect(s.json).toHaveResourceWithProperties(MetastoreAssignment, {
      provider: "databricks.account",
      metastore_id: "${databricks_metastore.databricks_metastore_F3900A91.id}",
    });
  });

  it("takes the metastore name from the spec", () => {
    const s = synthLakehouse({ tweak: (e) => ({ ...e, metastore: { create: { name: "emea" } } }) });
    expect(s.json).toHaveResourceWithProperties(Metastore, { name: "emea", region: "eu-west-1" });
  });
});

describe("storage credential and external locations", () => {
  it("uses the IAM role on AWS, after the metastore assignment, and hands the credential to the foundation", () => {
    const s = synthLakehouse({ cloud: "aws" });
    const credential = only(s, "databricks_storage_credential");
    expect(credential).toStrictEqual({
      provider: "databricks.workspace",
      name: "rtl_dev_lake",
      comment: "Lake storage of rtl-dev",
      aws_iam_role: { role_arn: ROLE_ARN },
      depends_on: ["databricks_metastore_assignment.databricks_metastore_assignment_F37708A4"],
    });
    expect(s.foundation.boundCredential).toBeDefined();
  });

  it("uses the access connector on Azure", () => {
    const s = synthLakehouse({ cloud: "azure" });
    expect(s.json).toHaveResourceWithProperties(StorageCredential, { azure_managed_identity: { access_connector_id: ACCESS_CONNECTOR_ID } });
    expect(only(s, "databricks_storage_credential").aws_iam_role).toBeUndefined();
  });

  it.each([
    ["landing", "abfss://landing@lake.dfs.core.windows.net/"],
    ["bronze", "abfss://bronze@lake.dfs.core.windows.net/"],
    ["silver", "abfss://silver@lake.dfs.core.windows.net/"],
    ["gold", "abfss://gold@lake.dfs.core.windows.net/"],
  ])("puts the %s location at the layer's URL, after the credential is usable", (layer, url) => {
    const s = synthLakehouse({ cloud: "azure" });
    expect(resource(s, "databricks_external_location", layer)).toStrictEqual({
      provider: "databricks.workspace",
      name: `rtl_dev_${layer}`,
      url,
      credential_name: "${databricks_storage_credential.databricks_storage_credential_EFF40D93.name}",
      comment: `The ${layer} layer of rtl-dev`,
      force_destroy: false,
      depends_on: [CREDENTIAL_WAIT],
    });
  });

  it("creates exactly one location per layer", () => {
    const s = synthLakehouse();
    expect(Object.keys(s.tf.resource.databricks_external_location)).toHaveLength(4);
    expect(s.json).toHaveResourceWithProperties(ExternalLocation, { url: "s3://lake-landing" });
  });
});

describe("catalog and schemas", () => {
  it("creates one isolated catalog per environment with managed storage on the gold location", () => {
    const s = synthLakehouse({ env: "prod" });
    expect(only(s, "databricks_catalog")).toStrictEqual({
      provider: "databricks.workspace",
      name: "rtl_prod",
      comment: "Retail lakehouse: prod",
      storage_root: "s3://lake-gold/catalog",
      isolation_mode: "ISOLATED",
      force_destroy: false,
      depends_on: ["databricks_external_location.databricks_storage_gold_BC557032"],
    });
    expect(s.lakehouse.catalogName).toBeDefined();
  });

  it.each([
    ["bronze", "s3://lake-bronze/managed", "databricks_external_location.databricks_storage_bronze_86B952EC"],
    ["silver", "s3://lake-silver/managed", "databricks_external_location.databricks_storage_silver_E48AF7B9"],
    ["gold", "s3://lake-gold/managed", "databricks_external_location.databricks_storage_gold_BC557032"],
  ])("creates the %s schema with its storage root on its layer's location", (layer, root, location) => {
    const s = synthLakehouse();
    expect(resource(s, "databricks_schema", layer)).toStrictEqual({
      provider: "databricks.workspace",
      catalog_name: "${databricks_catalog.databricks_catalog_DFE22A26.name}",
      name: layer,
      comment: `The ${layer} layer`,
      storage_root: root,
      force_destroy: false,
      depends_on: [location],
    });
  });

  it("creates no other schemas where ML is off (its ml schema: __tests__/ml)", () => {
    const s = synthLakehouse({ env: "staging" });
    expect(Object.keys(s.tf.resource.databricks_schema)).toHaveLength(3);
    expect(s.json).toHaveResourceWithProperties(Catalog, { isolation_mode: "ISOLATED" });
    expect(s.json).toHaveResourceWithProperties(Schema, { name: "bronze" });
  });
});

describe("grants", () => {
  const s = synthLakehouse();
  const grants = (id: string) => resource(s, "databricks_grants", id);
  const write = ["CREATE_FUNCTION", "CREATE_TABLE", "EXECUTE", "MODIFY", "SELECT", "USE_SCHEMA"];
  const read = ["EXECUTE", "SELECT", "USE_SCHEMA"];
  // Never MANAGE or ALL_PRIVILEGES: masks and grants stay with the tables' owner and the schema's.
  const manage = ["CREATE_FUNCTION", "CREATE_MATERIALIZED_VIEW", "CREATE_TABLE", "CREATE_VOLUME", "EXECUTE", "MODIFY", "READ_VOLUME", "REFRESH", "SELECT", "USE_SCHEMA", "WRITE_VOLUME"];

  it("grants USE_CATALOG on the catalog to everyone with table access", () => {
    expect(grants("catalog")).toStrictEqual({
      provider: "databricks.workspace",
      catalog: "${databricks_catalog.databricks_catalog_DFE22A26.name}",
      grant: [
        { principal: SP, privileges: ["USE_CATALOG"] },
        { principal: "analysts", privileges: ["USE_CATALOG"] },
        { principal: "customer-care", privileges: ["USE_CATALOG"] },
        { principal: "data-engineers", privileges: ["USE_CATALOG"] },
        { principal: "platform-admins", privileges: ["USE_CATALOG"] },
        { principal: "sales-benelux", privileges: ["USE_CATALOG"] },
      ],
    });
  });

  it.each([
    ["bronze", [{ principal: SP, privileges: write }, { principal: "platform-admins", privileges: manage }]],
    [
      "silver",
      [
        { principal: SP, privileges: write },
        { principal: "customer-care", privileges: read },
        { principal: "data-engineers", privileges: write },
        { principal: "platform-admins", privileges: manage },
      ],
    ],
    [
      "gold",
      [
        { principal: SP, privileges: write },
        { principal: "analysts", privileges: read },
        { principal: "customer-care", privileges: read },
        { principal: "data-engineers", privileges: read },
        { principal: "platform-admins", privileges: manage },
        { principal: "sales-benelux", privileges: read },
      ],
    ],
  ])("grants the %s schema per principal and level, sorted by principal", (layer, expected) => {
    const g = grants(`schema_${layer}`);
    expect(g.schema).toMatch(new RegExp(`^\\$\\{databricks_schema\\.databricks_catalog_${layer}_[0-9A-F]{8}\\.id\\}$`));
    expect(g.grant).toStrictEqual(expected);
  });

  it("grants file access on the layer locations", () => {
    const rw = ["READ_FILES", "WRITE_FILES"];
    const all = ["ALL_PRIVILEGES"];
    // Landing files and bronze hold PII in clear: only the pipeline and the PII-reading admins reach them.
    expect(grants("location_landing").grant).toStrictEqual([
      { principal: SP, privileges: ["READ_FILES"] },
      { principal: "platform-admins", privileges: all },
    ]);
    expect(grants("location_bronze").grant).toStrictEqual([
      { principal: SP, privileges: rw },
      { principal: "platform-admins", privileges: all },
    ]);
    expect(grants("location_gold")).toStrictEqual({
      provider: "databricks.workspace",
      external_location: "${databricks_external_location.databricks_storage_gold_BC557032.id}",
      grant: [
        { principal: SP, privileges: rw },
        { principal: "platform-admins", privileges: all },
      ],
    });
  });

  it("grants nothing on the storage credential and nothing outside the catalog, schemas, locations and (where it validates) the data quality volume where ML is off", () => {
    const securables = Object.values(synthLakehouse({ env: "staging" }).tf.resource.databricks_grants).map((g) =>
      Object.keys(g).filter((k) => k !== "grant" && k !== "provider"),
    );
    expect(securables.flat().sort()).toStrictEqual(["catalog", ...Array(4).fill("external_location"), ...Array(3).fill("schema"), "volume"]);
  });

  it("gives the run-as principal what the pipeline needs even when the spec grants it nothing", () => {
    const bare = synthLakehouse({
      platform: (p) => ({
        ...p,
        access: {
          principals: [
            { name: "analysts", type: "group", layers: { gold: "read" } },
            { name: "runner", type: "servicePrincipal", applicationId: "app", layers: {} },
          ],
          jobRunAs: "runner",
        },
      }),
    });
    const grant = (id: string) => resource(bare, "databricks_grants", id).grant;
    expect(grant("location_landing")).toStrictEqual([{ principal: "app", privileges: ["READ_FILES"] }]);
    expect(grant("location_gold")).toStrictEqual([{ principal: "app", privileges: ["READ_FILES", "WRITE_FILES"] }]);
    expect(grant("schema_gold")).toStrictEqual([
      { principal: "analysts", privileges: ["EXECUTE", "SELECT", "USE_SCHEMA"] },
      { principal: "app", privileges: ["CREATE_FUNCTION", "CREATE_TABLE", "EXECUTE", "MODIFY", "SELECT", "USE_SCHEMA"] },
    ]);
  });
});
