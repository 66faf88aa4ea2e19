/**
 * A second complete example, so the spec API stays general: a parcel-delivery business on AWS only
 * (dev and prod). Deliveries are keyed by two columns (shipment and stop), every quality-rule kind
 * and every transformation kind is used, and one gold aggregate joins three datasets.
 * `LAKEHOUSE_SPEC=examples/logistics.ts npm run synth` builds it with no credentials.
 */
import { fromEnv, type PlatformInput } from "../platform";

type EnvInput = PlatformInput["environments"][number];

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

const awsEnvironment = (name: "dev" | "prod"): EnvInput => {
  const prod = name === "prod";
  const octet = prod ? 50 : 40;
  return {
    name,
    cloud: "aws",
    databricksAccountId: fromEnv("DATABRICKS_ACCOUNT_ID_AWS", ZERO_UUID),
    metastore: { existingId: fromEnv("DATABRICKS_METASTORE_ID_AWS", ZERO_UUID) },
    compute: {
      nodeType: "m5d.large",
      minWorkers: 1,
      maxWorkers: prod ? 6 : 2,
      autoTerminationMinutes: 15,
      sparkVersion: "17.3.x-scala2.13",
      spot: { enabled: !prod, fallbackToOnDemand: true, firstOnDemand: 1 },
    },
    schedule: { quartzCron: prod ? "0 15 1 * * ?" : "0 0 6 ? * MON-FRI", timezone: "Europe/Berlin" },
    retentionDays: prod ? { landing: 14, bronze: 180, silver: 365, gold: 1095 } : { landing: 7, bronze: 14, silver: 30, gold: 30 },
    notifications: {
      emails: [prod ? "logistics-oncall@example.com" : "logistics-data@example.com"],
      webhookDestinationIds: [],
      durationWarningSeconds: 2700,
    },
    security: prod ? { maxTokenLifetimeDays: 7 } : { allowResultsDownload: true, maxTokenLifetimeDays: 30 },
    aws: {
      accountId: fromEnv(`AWS_ACCOUNT_ID_${name.toUpperCase()}`, prod ? "222222222222" : "333333333333"),
      region: "eu-central-1",
      network: {
        vpcCidr: `10.${octet}.0.0/16`,
        privateSubnetCidrs: [`10.${octet}.0.0/19`, `10.${octet}.32.0/19`],
        availabilityZones: ["eu-central-1a", "eu-central-1b"],
      },
      state: {
        bucket: fromEnv(`TF_STATE_BUCKET_${name.toUpperCase()}`, `lgx-terraform-state-${name}`),
        region: "eu-central-1",
      },
    },
  };
};

const updatedAt = { name: "updated_at", type: "timestamp", nullable: false, description: "Last change in the source system" } as const;

export const platform: PlatformInput = {
  name: "Parcel logistics lakehouse",
  prefix: "lgx",
  tags: { costCenter: "cc-0815", owner: "logistics-data@example.com" },
  environments: [awsEnvironment("dev"), awsEnvironment("prod")],
  datasets: [
    {
      name: "carriers",
      description: "Subcontracted carriers from the procurement system.",
      source: { format: "csv" },
      columns: [
        { name: "carrier_id", type: "string", nullable: false },
        { name: "carrier_name", type: "string" },
        { name: "country", type: "string", description: "ISO 3166-1 alpha-2, upper case" },
        { name: "contact_email", type: "string", pii: true, piiClass: "email", mask: "email_domain" },
        updatedAt,
      ],
      primaryKey: ["carrier_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_match_regex", column: "carrier_id", regex: "^CR[0-9]{3}$" },
          { expect: "expect_column_values_to_be_in_set", column: "country", valueSet: ["DE", "NL", "PL", "AT"] },
          { expect: "expect_column_values_to_be_unique", column: "carrier_name" },
        ],
        maxFailedFraction: 0.5,
      },
      transformations: [
        { kind: "trim", columns: ["carrier_name", "country", "contact_email"] },
        { kind: "uppercase", columns: ["country"] },
        { kind: "lowercase", columns: ["contact_email"] },
      ],
    },
    {
      name: "depots",
      description: "Sorting depots and their daily capacity.",
      source: { format: "json" },
      columns: [
        { name: "depot_id", type: "string", nullable: false },
        { name: "city", type: "string" },
        { name: "region", type: "string" },
        { name: "capacity", type: "int" },
        updatedAt,
      ],
      primaryKey: ["depot_id"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "region" },
          { expect: "expect_column_values_to_be_between", column: "capacity", min: 1, max: 50000 },
        ],
        maxFailedFraction: 0.5,
      },
      transformations: [{ kind: "trim", columns: ["city", "region"] }, { kind: "lowercase", columns: ["region"] }],
      schemaEvolution: "fail",
    },
    {
      name: "deliveries",
      description: "One row per stop of a shipment's route: the composite key is (shipment_id, stop_no).",
      source: { format: "csv", folder: "tracking/deliveries" },
      columns: [
        { name: "shipment_id", type: "string", nullable: false },
        { name: "stop_no", type: "int", nullable: false },
        { name: "carrier_id", type: "string" },
        { name: "depot_id", type: "string" },
        { name: "weight_kg", type: "decimal(10,2)" },
        { name: "status", type: "string" },
        { name: "delivered_at", type: "timestamp" },
        updatedAt,
      ],
      primaryKey: ["shipment_id", "stop_no"],
      orderingColumn: "updated_at",
      quality: {
        rules: [
          { expect: "expect_column_values_to_not_be_null", column: "carrier_id" },
          { expect: "expect_column_values_to_be_between", column: "weight_kg", min: 0, max: 1000 },
          { expect: "expect_column_values_to_be_between", name: "stop_in_route", column: "stop_no", min: 1 },
          { expect: "expect_column_values_to_be_in_set", column: "status", valueSet: ["planned", "delivered", "failed"] },
          { expect: "expect_column_values_to_match_regex", column: "shipment_id", regex: "^S[0-9]{4}$" },
          // On a derived column: silver evaluates rules after deriving.
          { expect: "expect_sql_expression_to_be_true", name: "delivered_has_time", expression: "status <> 'delivered' OR delivery_date IS NOT NULL" },
        ],
        maxFailedFraction: 0.5,
      },
      transformations: [
        { kind: "trim", columns: ["shipment_id", "status"] },
        { kind: "lowercase", columns: ["status"] },
        { kind: "derive", column: "delivery_date", expression: "to_date(delivered_at)", type: "date" },
        { kind: "derive", column: "weight_t", expression: "weight_kg / 1000", type: "decimal(10,4)" },
      ],
    },
  ],
  gold: [
    {
      name: "delivered_volume",
      description: "Delivered stops and weight per day, carrier country and depot region: three datasets joined.",
      from: "deliveries",
      joins: [
        { dataset: "carriers", on: [{ left: "deliveries.carrier_id", right: "carrier_id" }] },
        { dataset: "depots", type: "left", on: [{ left: "deliveries.depot_id", right: "depot_id" }] },
      ],
      filter: "deliveries.status = 'delivered'",
      groupBy: ["delivery_date", "carriers.country", "depots.region"],
      measures: [
        { name: "stops", fn: "count" },
        { name: "shipments", fn: "count_distinct", column: "deliveries.shipment_id" },
        { name: "total_weight_kg", fn: "sum", column: "weight_kg" },
        { name: "avg_weight_kg", fn: "avg", column: "weight_kg" },
        { name: "first_delivery", fn: "min", column: "delivered_at" },
        { name: "last_delivery", fn: "max", column: "delivered_at" },
      ],
      clusterBy: ["delivery_date"],
    },
  ],
  access: {
    principals: [
      // Landing and bronze hold PII in clear: only principals who read PII in clear may have them.
      { name: "logistics-admins", type: "group", layers: { landing: "manage", bronze: "manage", silver: "manage", gold: "manage" }, pii: true },
      { name: "dispatchers", type: "group", layers: { silver: "read", gold: "read" } },
      {
        name: "lgx-pipeline",
        type: "servicePrincipal",
        applicationId: fromEnv("DATABRICKS_PIPELINE_SP_APP_ID", "11111111-2222-3333-4444-555555555555"),
        layers: { landing: "read", bronze: "write", silver: "write", gold: "write" },
      },
    ],
    jobRunAs: "lgx-pipeline",
  },
};
