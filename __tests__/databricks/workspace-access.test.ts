/** The workspace half of access: assignments, the code folder's ACL, the warehouse and the monitoring folder. */
import { resource, synthLakehouse } from "./synth";

const SP = "11111111-2222-3333-4444-555555555555";
const AIRFLOW_SP = "66666666-7777-8888-9999-000000000000";

describe("workspace access", () => {
  const s = synthLakehouse();
  const data = (type: string) => Object.values((s.tf as unknown as { data: Record<string, Record<string, Record<string, unknown>>> }).data[type] ?? {});

  it("assigns every principal of the spec to the workspace as USER, at the account level", () => {
    const assignments = Object.values(s.tf.resource.databricks_mws_permission_assignment);
    expect(assignments).toHaveLength(7);
    for (const a of assignments) {
      expect(a).toStrictEqual({
        provider: "databricks.account",
        workspace_id: "1234567890",
        principal_id: expect.stringMatching(/^\$\{data\.databricks_(group|service_principal)\.[A-Za-z0-9_]+\.id\}$/),
        permissions: ["USER"],
      });
    }
    expect(data("databricks_group").map((g) => g.display_name).sort()).toStrictEqual(["analysts", "customer-care", "data-engineers", "platform-admins", "sales-benelux"]);
    expect(data("databricks_service_principal").map((p) => p.application_id).sort()).toStrictEqual([SP, AIRFLOW_SP]);
    for (const d of [...data("databricks_group"), ...data("databricks_service_principal")]) expect(d.provider).toBe("databricks.account");
  });

  it("lets the run-as principal and the engineers read the code folder, and nobody edit it", () => {
    expect(resource(s, "databricks_permissions", "notebooks_folder_permissions")).toStrictEqual({
      provider: "databricks.workspace",
      directory_path: expect.stringMatching(/^\$\{databricks_directory\.databricks_notebooks_folder_[0-9A-F]{8}\.path\}$/),
      access_control: [
        { service_principal_name: SP, permission_level: "CAN_READ" },
        { group_name: "data-engineers", permission_level: "CAN_READ" },
        { group_name: "platform-admins", permission_level: "CAN_READ" },
      ],
      depends_on: expect.any(Array),
    });
  });

  it("gives the run-as principal CAN_USE on the warehouse and CAN_RUN on the monitoring folder", () => {
    const assigned = expect.arrayContaining([expect.stringMatching(/^databricks_mws_permission_assignment\./)]);
    expect(resource(s, "databricks_permissions", "warehouse_permissions")).toStrictEqual({
      provider: "databricks.workspace",
      sql_endpoint_id: expect.stringMatching(/^\$\{databricks_sql_endpoint\.databricks_observability_warehouse_[0-9A-F]{8}\.id\}$/),
      access_control: [{ service_principal_name: SP, permission_level: "CAN_USE" }],
      depends_on: assigned,
    });
    expect(resource(s, "databricks_permissions", "monitoring_folder_permissions")).toStrictEqual({
      provider: "databricks.workspace",
      directory_path: expect.stringMatching(/^\$\{databricks_directory\.databricks_observability_alerts_folder_[0-9A-F]{8}\.path\}$/),
      access_control: [{ service_principal_name: SP, permission_level: "CAN_RUN" }],
      depends_on: assigned,
    });
  });

  it("grants the run-as principal the system tables the alerts read, once per metastore and not authoritatively", () => {
    const grants = Object.values(s.tf.resource.databricks_grant ?? {});
    const systemSchema = expect.arrayContaining([expect.stringMatching(/^databricks_system_schema\./)]);
    expect(grants).toHaveLength(2);
    expect(grants).toContainEqual({ provider: "databricks.workspace", catalog: "system", principal: SP, privileges: ["USE_CATALOG"], depends_on: systemSchema });
    expect(grants).toContainEqual({ provider: "databricks.workspace", schema: "system.access", principal: SP, privileges: ["SELECT", "USE_SCHEMA"], depends_on: systemSchema });
    expect(synthLakehouse({ env: "staging" }).tf.resource.databricks_grant).toBeUndefined();
  });
});
