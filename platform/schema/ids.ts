import { z } from "zod";

/** Databricks account, metastore and notification destination ids are UUIDs (any version). */
export const databricksUuid = z.guid('expected a UUID such as "6f1c2a1e-8d3b-4c5a-9e7f-0a1b2c3d4e5f"');

/** Webhook URLs the platform calls: https only, so payloads and tokens never travel in clear text. */
export const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL, e.g. "https://hooks.example.com/lakehouse"' });
