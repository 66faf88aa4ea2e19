import { DataDatabricksGroup } from "@cdktf/provider-databricks/lib/data-databricks-group";
import { DataDatabricksServicePrincipal } from "@cdktf/provider-databricks/lib/data-databricks-service-principal";
import { MwsPermissionAssignment } from "@cdktf/provider-databricks/lib/mws-permission-assignment";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { ResolvedPrincipal } from "../../access/privileges";

export interface WorkspaceAssignmentProps {
  /** The account-level provider: assignments and the principal look-ups are account objects. */
  readonly accountProvider: DatabricksProvider;
  readonly workspaceId: string;
  /** Every principal the stack names: the spec's, the run-as principal and the Airflow identity among them. */
  readonly principals: ReadonlyArray<Pick<ResolvedPrincipal, "name" | "id" | "type">>;
}

/** A construct id from a principal's name: letters, digits and underscores. */
const idOf = (name: string) => name.replace(/[^A-Za-z0-9]/g, "_");

/**
 * Every principal the stack names, assigned to the workspace as USER. A principal that is not assigned to a workspace
 * cannot run a job there, be its run_as, or hold its workspace permissions
 * (https://docs.databricks.com/aws/en/admin/users-groups/#assign-users-to-workspaces). The assignment is account-level
 * (`databricks_mws_permission_assignment` takes the principal's numeric account id, looked up by group display name or
 * service principal application id through the account provider,
 * https://registry.terraform.io/providers/databricks/databricks/1.99.0/docs/resources/mws_permission_assignment).
 */
export class WorkspaceAssignment extends Construct {
  /** The assignments: workspace objects that name a principal wait for them. */
  readonly assignments: MwsPermissionAssignment[];

  constructor(scope: Construct, id: string, props: WorkspaceAssignmentProps) {
    super(scope, id);
    const provider = props.accountProvider;
    this.assignments = props.principals.map((p) => {
      const principal =
        p.type === "group"
          ? new DataDatabricksGroup(this, `${idOf(p.name)}_group`, { provider, displayName: p.id })
          : new DataDatabricksServicePrincipal(this, `${idOf(p.name)}_service_principal`, { provider, applicationId: p.id });
      return new MwsPermissionAssignment(this, idOf(p.name), {
        provider,
        workspaceId: Token.asNumber(props.workspaceId),
        principalId: Token.asNumber(principal.id),
        permissions: ["USER"],
      });
    });
  }
}
