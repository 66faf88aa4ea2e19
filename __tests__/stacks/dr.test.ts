/** Disaster recovery in the synthesized stacks: replication, versioning, delete markers, GZRS and the passive secondary. */
import { exampleInput } from "../fixtures/platform";
import { type Block, type StackJson, synthStacks } from "./example-stacks";

type Synth = StackJson & { data: Record<string, Record<string, Block>> };
const stacks = synthStacks(exampleInput()) as Map<string, Synth>;
const stack = (id: string) => stacks.get(id)!;
const LAYERS = ["landing", "bronze", "silver", "gold"];

/** The blocks of a type keyed by their construct path below the stack (aws_lake_landing_key_key_ABCD1234 -> aws_lake_landing_key_key). */
function byPath(s: Synth, type: string, kind: "resource" | "data" = "resource"): Map<string, Block> {
  return new Map(Object.entries(s[kind][type] ?? {}).map(([name, b]) => [name.replace(/_[0-9A-F]{8}$/, ""), b]));
}
const one = (s: Synth, type: string, path: string, kind: "resource" | "data" = "resource") => byPath(s, type, kind).get(path)!;
const statements = (policy: Block) => policy.statement as { sid: string; actions: string[]; resources: string[]; condition?: { test: string; variable: string; values: string[] }[] }[];

describe("disaster recovery stacks", () => {
  it("adds one passive secondary stack after each environment with dr", () => {
    expect([...stacks.keys()]).toStrictEqual(["aws-dev", "aws-staging", "aws-prod", "aws-proddr", "azure-dev", "azure-staging", "azure-prod", "azure-proddr"]);
  });

  it("replicates every lake bucket of aws-prod into its replica in the secondary region, from the secondary's stack", () => {
    const configs = byPath(stack("aws-proddr"), "aws_s3_bucket_replication_configuration");
    expect([...configs.keys()].sort()).toStrictEqual(LAYERS.map((l) => `aws_replication_${l}`).sort());
    for (const layer of LAYERS) {
      const config = configs.get(`aws_replication_${layer}`)!;
      const key = Object.keys(stack("aws-proddr").resource.aws_kms_key).find((k) => k.startsWith(`aws_lake_${layer}_key_`));
      const versioning = Object.keys(stack("aws-proddr").resource.aws_s3_bucket_versioning).find((k) => k.startsWith(`aws_lake_${layer}_versioning_`));
      expect(config).toMatchObject({ bucket: `rtl-prod-${layer}-111111111111`, provider: "aws.primary", depends_on: [`aws_s3_bucket_versioning.${versioning}`] });
      expect(config.rule).toStrictEqual([
        {
          id: `${layer}-to-secondary`,
          status: "Enabled",
          filter: {},
          delete_marker_replication: { status: "Disabled" },
          source_selection_criteria: { sse_kms_encrypted_objects: { status: "Enabled" } },
          destination: {
            bucket: `arn:aws:s3:::rtl-proddr-${layer}-111111111111`,
            encryption_configuration: { replica_kms_key_id: `\${aws_kms_key.${key}.arn}` },
            // Landing's raw files replicate under Replication Time Control (15 minutes); the table layers need no bound.
            ...(layer === "landing"
              ? { replication_time: { status: "Enabled", time: { minutes: 15 } }, metrics: { status: "Enabled", event_threshold: { minutes: 15 } } }
              : {}),
          },
        },
      ]);
    }
    expect(stack("aws-proddr").provider.aws.map((p) => [p.alias, p.region])).toStrictEqual([[undefined, "eu-central-1"], ["primary", "eu-west-1"]]);
    expect(stack("aws-prod").resource.aws_s3_bucket_replication_configuration).toBeUndefined();
  });

  it("does not replicate delete markers: a delete in the primary never hides the replica's copy", () => {
    const rules = Object.values(stack("aws-proddr").resource.aws_s3_bucket_replication_configuration).flatMap((c) => c.rule as Block[]);
    expect(rules.map((r) => r.delete_marker_replication)).toStrictEqual(LAYERS.map(() => ({ status: "Disabled" })));
    const actions = statements(one(stack("aws-proddr"), "aws_iam_policy_document", "aws_replication_policy", "data")).flatMap((s) => s.actions);
    expect(actions.filter((a) => a.includes("Delete"))).toStrictEqual([]);
  });

  it("keeps versioning on for both sides of every replicated bucket", () => {
    for (const id of ["aws-prod", "aws-proddr"]) {
      const versioning = byPath(stack(id), "aws_s3_bucket_versioning");
      expect(LAYERS.map((l) => versioning.get(`aws_lake_${l}_versioning`)?.versioning_configuration)).toStrictEqual(LAYERS.map(() => ({ status: "Enabled" })));
    }
  });

  it("gives the replication role only what replication needs, each key only through S3 for these buckets", () => {
    const s = stack("aws-proddr");
    const trust = statements(one(s, "aws_iam_policy_document", "aws_replication_trust", "data"));
    expect(trust).toStrictEqual([{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }] }]);
    const policy = statements(one(s, "aws_iam_policy_document", "aws_replication_policy", "data"));
    expect(policy.map((p) => [p.sid, p.actions])).toStrictEqual([
      ["ReadReplicationConfiguration", ["s3:GetReplicationConfiguration", "s3:ListBucket"]],
      ["ReadSourceVersions", ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]],
      ["WriteReplicas", ["s3:ReplicateObject", "s3:ReplicateTags"]],
      ["DecryptSources", ["kms:Decrypt"]],
      ["EncryptReplicas", ["kms:Encrypt", "kms:GenerateDataKey"]],
    ]);
    expect(policy[0].resources).toStrictEqual(LAYERS.map((l) => `arn:aws:s3:::rtl-prod-${l}-111111111111`));
    expect(policy[2].resources).toStrictEqual(LAYERS.map((l) => `arn:aws:s3:::rtl-proddr-${l}-111111111111/*`));
    expect(policy[3].resources).toStrictEqual(["arn:aws:kms:eu-west-1:111111111111:key/*"]);
    expect(policy[3].condition?.map((c) => [c.variable, c.values.length])).toStrictEqual([["kms:ViaService", 1], ["kms:EncryptionContext:aws:s3:arn", 8]]);
    expect(policy[3].condition?.[0].values).toStrictEqual(["s3.eu-west-1.amazonaws.com"]);
    expect(policy[4].condition?.[0].values).toStrictEqual(["s3.eu-central-1.amazonaws.com"]);
  });

  it("lets the replication role use the lake keys on both sides, and no other environment's keys", () => {
    const users = (id: string, layer: string) => {
      const key = one(stack(id), "aws_kms_key", `aws_lake_${layer}_key`);
      const named = (JSON.parse(key.policy as string) as { Statement: { Sid: string; Condition?: { ArnEquals: Record<string, string[]> } }[] }).Statement.find((s) => s.Sid === "NamedRolesUseKey");
      return named?.Condition?.ArnEquals["aws:PrincipalArn"];
    };
    const role = "arn:aws:iam::111111111111:role/rtl-prod-replication";
    expect(users("aws-prod", "landing")).toStrictEqual(["arn:aws:iam::111111111111:role/rtl-prod-unity-catalog", role]);
    expect(users("aws-proddr", "gold")).toStrictEqual(["arn:aws:iam::111111111111:role/rtl-proddr-unity-catalog", role]);
    expect(users("aws-dev", "landing")).toStrictEqual(["arn:aws:iam::111111111111:role/rtl-dev-unity-catalog"]);
  });

  it("makes azure-prod's lake geo-zone-redundant with its hierarchical namespace, and leaves the others zone-redundant", () => {
    const lake = (id: string) => one(stack(id), "azurerm_storage_account", "azure_lake_account");
    expect([lake("azure-prod").account_replication_type, lake("azure-prod").is_hns_enabled]).toStrictEqual(["GZRS", true]);
    expect(["azure-dev", "azure-staging", "azure-proddr"].map((id) => lake(id).account_replication_type)).toStrictEqual(["ZRS", "ZRS", "ZRS"]);
    expect([lake("azure-proddr").name, lake("azure-proddr").location]).toStrictEqual(["rtlproddrlake", "northeurope"]);
  });

  it.each(["aws-proddr", "azure-proddr"])("%s holds the same pipeline and monitoring jobs as prod, paused", (id) => {
    const primary = id.replace("dr", "");
    const jobs = (s: string) => Object.values(stack(s).resource.databricks_job).map((j) => [j.name, (j.schedule as Block | undefined)?.pause_status]);
    expect(jobs(id)).toContainEqual(["rtl-proddr-pipeline", "PAUSED"]);
    expect(jobs(id)).toContainEqual(["rtl-proddr-monitoring", "PAUSED"]);
    expect(jobs(primary)).toContainEqual(["rtl-prod-pipeline", "UNPAUSED"]);
    const tasks = (s: string) => Object.values(stack(s).resource.databricks_job).find((j) => String(j.name).endsWith("-pipeline"))!.task as Block[];
    expect(tasks(id).map((t) => t.task_key)).toStrictEqual(tasks(primary).map((t) => t.task_key));
  });

  it.each(["aws-proddr", "azure-proddr"])("%s assigns its workspace the secondary region's metastore and has its own catalog and locations", (id) => {
    const s = stack(id);
    expect(Object.values(s.resource.databricks_metastore_assignment).map((a) => a.metastore_id)).toStrictEqual(["00000000-0000-0000-0000-0000000000d7"]);
    expect(Object.values(s.resource.databricks_catalog).map((c) => c.name)).toContain("rtl_proddr");
    expect(Object.values(s.resource.databricks_external_location).map((l) => l.name).sort()).toStrictEqual(LAYERS.map((l) => `rtl_proddr_${l}`).sort());
  });

  it.each([["aws-prod", "aws:eu-central-1"], ["azure-prod", "azure:northeurope"]])("%s shares its three layer schemas with the secondary region's metastore, and nothing else", (id, region) => {
    const s = stack(id);
    expect(Object.values(s.resource.databricks_share).map((sh) => [sh.name, sh.object])).toStrictEqual([
      ["rtl_prod_dr", ["bronze", "silver", "gold"].map((l) => ({ name: `rtl_prod.${l}`, data_object_type: "SCHEMA", comment: `The ${l} layer, for the disaster-recovery table sync` }))],
    ]);
    const recipient = Object.values(s.resource.databricks_recipient);
    expect(recipient.map((r) => [r.name, r.authentication_type, r.data_recipient_global_metastore_id])).toStrictEqual([
      ["rtl_prod_dr_secondary", "DATABRICKS", `${region}:00000000-0000-0000-0000-0000000000d7`],
    ]);
    const shareGrants = Object.values(s.resource.databricks_grants).filter((g) => g.share !== undefined);
    expect(shareGrants.map((g) => g.grant)).toStrictEqual([[{ principal: expect.stringMatching(/^\$\{databricks_recipient\..+\.name\}$/), privileges: ["SELECT"] }]]);
    expect(stack(id.replace("prod", "staging")).resource.databricks_share).toBeUndefined();
  });

  it.each(["aws-proddr", "azure-proddr"])("%s deep-clones the primary's tables every hour (RPO 120 min, a run at most 30), running while the secondary is passive", (id) => {
    const s = stack(id);
    expect(Object.values(s.resource.databricks_catalog).filter((c) => c.share_name !== undefined).map((c) => [c.name, c.share_name, c.provider_name])).toStrictEqual([
      ["rtl_prod_primary", "rtl_prod_dr", id.startsWith("aws") ? "rtl-aws-primary" : "rtl-azure-primary"],
    ]);
    const sync = Object.values(s.resource.databricks_job).find((j) => j.name === "rtl-proddr-table-sync")!;
    expect(sync.schedule).toStrictEqual({ quartz_cron_expression: "0 0 0/1 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" });
    expect([sync.timeout_seconds, sync.max_concurrent_runs, sync.queue]).toStrictEqual([1800, 1, { enabled: false }]);
    const tasks = sync.task as Block[];
    expect(tasks.map((t) => [t.task_key, t.notebook_task, t.timeout_seconds, t.max_retries, t.retry_on_timeout])).toStrictEqual([
      ["table_sync", { notebook_path: expect.stringMatching(/^\$\{databricks_notebook\..+\.path\}$/) }, 1800, 1, false],
    ]);
    const notebook = Object.values(s.resource.databricks_notebook).find((n) => n.path === "/rtl/proddr/table_sync")!;
    expect(notebook.language).toBe("SQL");
    expect(Object.values(s.resource.databricks_grants).filter((g) => g.catalog === "${databricks_catalog." + Object.keys(s.resource.databricks_catalog).find((k) => k.includes("primary_share")) + ".name}").map((g) => g.grant)).toStrictEqual([
      [{ principal: "11111111-2222-3333-4444-555555555555", privileges: ["SELECT", "USE_CATALOG", "USE_SCHEMA"] }],
    ]);
    expect(Object.values(stack(id.replace("dr", "")).resource.databricks_job).map((j) => j.name)).not.toContain("rtl-prod-table-sync");
  });
});
