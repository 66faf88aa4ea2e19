/**
 * The DR table sync's notebook (SQL): one `CREATE OR REPLACE TABLE ... DEEP CLONE` per bronze,
 * silver and gold table, from the catalog that mounts the primary's share into the secondary's
 * catalog. A deep clone run again copies only the files added since the last one, so each run is
 * incremental, and it reproduces the source at one table version
 * (https://docs.databricks.com/aws/en/delta/clone). Pure: the spec in, the notebook text out.
 */
import * as naming from "../naming";
import { EXPECTATION_RESULTS_TABLE } from "../naming/pipeline";
import type { EnvironmentSpec, Platform, TableLayer } from "../platform";
import { pipelineTables } from "./maintenance";

const SQL_NOTEBOOK_HEADER = "-- Databricks notebook source";
const SQL_CELL_SEPARATOR = "-- COMMAND ----------";

/** Every table the primary's job writes, by layer: the pipeline's, and the Great Expectations results where it validates. */
export function syncedTables(platform: Platform, primary: EnvironmentSpec): Array<[TableLayer, string]> {
  const tables = pipelineTables(platform);
  return primary.greatExpectations.validate ? [...tables, ["silver", EXPECTATION_RESULTS_TABLE]] : tables;
}

/** `catalog.schema.table` of each synced table, from the share's catalog (source) into the secondary's (target). */
export function cloneStatements(platform: Platform, primary: EnvironmentSpec, source: string, target: string): string[] {
  return syncedTables(platform, primary).map(
    ([layer, table]) => `CREATE OR REPLACE TABLE ${naming.qualified(target, layer, table)} DEEP CLONE ${naming.qualified(source, layer, table)};`,
  );
}

/**
 * The notebook: a markdown header, then one cell per table, bronze before silver before gold. A
 * failing statement fails the task (and the job notifies); the next run clones every table again
 * from where its own last clone stopped.
 */
export function tableSyncNotebook(platform: Platform, primary: EnvironmentSpec, source: string, target: string): string {
  const header = [
    "-- MAGIC %md",
    "-- MAGIC # Table sync (disaster recovery)",
    "-- MAGIC",
    `-- MAGIC Deep-clones every table of \`${source}\` (the primary's share) into \`${target}\`. Each clone copies only`,
    "-- MAGIC the files added since the last one and lands one version of its source; the tables are consistent",
    "-- MAGIC each on its own, not with each other. docs/disaster-recovery.md has the failover runbook.",
  ].join("\n");
  const cells = [header, ...cloneStatements(platform, primary, source, target)];
  return `${SQL_NOTEBOOK_HEADER}\n${cells.join(`\n\n${SQL_CELL_SEPARATOR}\n\n`)}\n`;
}
