import { WorkspaceAuditLogs } from "../../constructs/azure/workspace-audit-logs";
import { address, only, synthStack } from "./synth";

describe("WorkspaceAuditLogs", () => {
  const out = synthStack(
    (s) => new WorkspaceAuditLogs(s, "audit", { name: "rtl-dev-audit", resourceGroupName: "rg", location: "westeurope", workspaceId: "ws-id", tags: { owner: "data" } }),
  );

  it("keeps a year of logs in a Log Analytics workspace of its own", () => {
    expect(only(out, "azurerm_log_analytics_workspace")).toMatchObject({ name: "rtl-dev-audit", sku: "PerGB2018", retention_in_days: 365, tags: { owner: "data" } });
  });

  it("sends the workspace's audit categories there", () => {
    const setting = only(out, "azurerm_monitor_diagnostic_setting");
    expect(setting.target_resource_id).toBe("ws-id");
    expect(setting.log_analytics_workspace_id).toBe(`\${${address(out, "azurerm_log_analytics_workspace", "audit")}.id}`);
    const categories = (setting.enabled_log as Array<{ category: string }>).map((l) => l.category);
    expect(categories).toEqual(
      expect.arrayContaining(["accounts", "clusters", "jobs", "notebook", "unityCatalog", "workspace", "dbfs", "secrets", "sqlPermissions"]),
    );
    expect(new Set(categories).size).toBe(categories.length);
  });
});
