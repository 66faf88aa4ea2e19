import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { SystemSchema } from "@cdktf/provider-databricks/lib/system-schema";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { SYSTEM_SCHEMAS } from "../../naming/observability";

export interface SystemSchemasProps {
  readonly workspaceProvider: DatabricksProvider;
  /** The metastore assignment: system schemas are enabled on the workspace's metastore. */
  readonly dependsOn: ITerraformDependable[];
}

/** Enables the system schemas the alerts and the dashboard read (audit log, job runs). */
export class SystemSchemas extends Construct {
  readonly schemas: ReadonlyArray<SystemSchema>;

  constructor(scope: Construct, id: string, props: SystemSchemasProps) {
    super(scope, id);
    this.schemas = SYSTEM_SCHEMAS.map(
      (schema) => new SystemSchema(this, schema, { provider: props.workspaceProvider, schema, dependsOn: props.dependsOn }),
    );
  }
}
