/** A second, smaller platform for the overview tests: one Azure environment, two datasets, a service principal with PII access. */
import { type PlatformInput, validatePlatform } from "../../platform";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const secondInput: PlatformInput = {
  name: "Fleet telemetry",
  prefix: "flt",
  tags: { costCenter: "cc-9", owner: "fleet@example.com" },
  environments: [
    {
      name: "prod",
      cloud: "azure",
      databricksAccountId: ZERO,
      metastore: { create: {} },
      compute: { nodeType: "Standard_D4ds_v5", minWorkers: 1, maxWorkers: 3, sparkVersion: "17.3.x-scala2.13", spot: { enabled: false } },
      schedule: { quartzCron: "0 0 * * * ?", timezone: "UTC" },
      retentionDays: { landing: 7, bronze: 30, silver: 90, gold: 365 },
      notifications: { emails: ["fleet-oncall@example.com"] },
      observability: { warehouse: { size: "Small", serverless: false, autoStopMinutes: 20 }, budgets: { databricksMonthlyUsd: 250, thresholdsPercent: [50, 75, 100] } },
      azure: {
        subscriptionId: ZERO,
        tenantId: ZERO,
        location: "northeurope",
        network: { vnetCidr: "10.50.0.0/16", hostSubnetCidr: "10.50.0.0/22", containerSubnetCidr: "10.50.4.0/22" },
        state: { resourceGroupName: "flt-tf", storageAccountName: "flttfstate", containerName: "tfstate" },
      },
    },
  ],
  datasets: [
    {
      name: "vehicles",
      source: { format: "json", folder: "fleet/vehicles" },
      columns: [
        { name: "vin", type: "string", nullable: false },
        { name: "driver_email", type: "string", pii: true, description: "Assigned driver" },
        { name: "updated_at", type: "timestamp", nullable: false },
      ],
      primaryKey: ["vin"],
      orderingColumn: "updated_at",
      monitoring: { freshnessHours: 6 },
    },
    {
      name: "trips",
      source: { format: "parquet" },
      columns: [
        { name: "trip_id", type: "string", nullable: false },
        { name: "vin", type: "string" },
        { name: "km", type: "double" },
        { name: "updated_at", type: "timestamp", nullable: false },
      ],
      primaryKey: ["trip_id"],
      orderingColumn: "updated_at",
      quality: { rules: [{ expect: "expect_column_values_to_be_between", column: "km", min: 0 }], maxFailedFraction: 0.1 },
    },
  ],
  gold: [{ name: "km_per_vehicle", from: "trips", groupBy: ["vin"], measures: [{ name: "total_km", fn: "sum", column: "km" }] }],
  access: {
    principals: [
      { name: "fleet-analysts", type: "group", layers: { gold: "read", silver: "read" } },
      { name: "fleet-pipeline", type: "servicePrincipal", applicationId: "app-1", layers: { landing: "read", bronze: "write", silver: "write", gold: "write" } },
    ],
    jobRunAs: "fleet-pipeline",
  },
};

export const secondPlatform = validatePlatform(secondInput);
