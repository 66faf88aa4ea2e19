/**
 * Names of disaster recovery (platform/dr.ts): the share the primary offers its secondary, the
 * catalog the secondary reads it through, and the secondary's table-sync job. Both stacks build
 * them from the primary's and the secondary's EnvRef, so they agree without a cross-stack reference.
 */
import { type EnvRef, resourceName, workspaceFolder } from "./index";

/** The primary's share of its bronze, silver and gold schemas: rtl_prod_dr. */
export const drShareName = (primary: EnvRef) => `${primary.prefix}_${primary.env.name}_dr`;
/** The primary's Delta Sharing recipient: the secondary region's metastore. */
export const drRecipientName = (primary: EnvRef) => `${primary.prefix}_${primary.env.name}_dr_secondary`;
/** The catalog in the secondary's metastore that mounts the primary's share: rtl_prod_primary (read-only). */
export const primaryShareCatalogName = (primary: EnvRef) => `${primary.prefix}_${primary.env.name}_primary`;

/** The secondary's job that deep-clones the primary's tables: rtl-proddr-table-sync. */
export const tableSyncJobName = (secondary: EnvRef) => resourceName(secondary, "table-sync");
export const TABLE_SYNC_TASK_KEY = "table_sync";
/** The sync's SQL notebook, its file in the synth output and its workspace path. */
export const TABLE_SYNC_NOTEBOOK = "table_sync";
export const tableSyncNotebookPath = (secondary: EnvRef) => `${workspaceFolder(secondary)}/${TABLE_SYNC_NOTEBOOK}`;
