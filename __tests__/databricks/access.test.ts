import {
  accessControl,
  catalogGrants,
  computeUsers,
  jobPermissionLevel,
  locationGrants,
  resolvePrincipals,
  runAsApplicationId,
  schemaGrants,
} from "../../access/privileges";
import type { AccessSpec } from "../../platform";

const SP = "aaaa-app-id";
const access: AccessSpec = {
  principals: [
    { name: "zeta-admins", type: "group", layers: { landing: "manage", bronze: "manage", silver: "manage", gold: "manage" } },
    { name: "engineers", type: "group", layers: { landing: "read", bronze: "write", silver: "write", gold: "read" } },
    { name: "analysts", type: "group", layers: { gold: "read" } },
    { name: "uploaders", type: "group", layers: { landing: "write" } },
    { name: "nobody", type: "group", layers: {} },
    // The spec under-grants the run-as principal: the pipeline's needs are added.
    { name: "pipeline", type: "servicePrincipal", applicationId: SP, layers: { gold: "manage" } },
  ],
  jobRunAs: "pipeline",
};
const principals = resolvePrincipals(access);

describe("access model", () => {
  it("names groups by name and service principals by application id, sorted", () => {
    expect(principals.map((p) => p.id)).toStrictEqual([SP, "analysts", "engineers", "nobody", "uploaders", "zeta-admins"]);
  });

  it("raises the run-as principal to what the pipeline needs, keeping higher spec levels", () => {
    expect(principals.find((p) => p.id === SP)?.layers).toStrictEqual({ landing: "read", bronze: "write", silver: "write", gold: "manage" });
  });

  it("grants USE_CATALOG to principals with any table-layer access only", () => {
    expect(catalogGrants(principals)).toStrictEqual([
      { principal: SP, privileges: ["USE_CATALOG"] },
      { principal: "analysts", privileges: ["USE_CATALOG"] },
      { principal: "engineers", privileges: ["USE_CATALOG"] },
      { principal: "zeta-admins", privileges: ["USE_CATALOG"] },
    ]);
  });

  it("maps levels to schema privileges, manage without MANAGE or ALL_PRIVILEGES (masks stay with the owners)", () => {
    const manage = ["CREATE_FUNCTION", "CREATE_MATERIALIZED_VIEW", "CREATE_TABLE", "CREATE_VOLUME", "EXECUTE", "MODIFY", "READ_VOLUME", "REFRESH", "SELECT", "USE_SCHEMA", "WRITE_VOLUME"];
    expect(schemaGrants(principals, "gold")).toStrictEqual([
      { principal: SP, privileges: manage },
      { principal: "analysts", privileges: ["EXECUTE", "SELECT", "USE_SCHEMA"] },
      { principal: "engineers", privileges: ["EXECUTE", "SELECT", "USE_SCHEMA"] },
      { principal: "zeta-admins", privileges: manage },
    ]);
    expect(schemaGrants(principals, "silver")).toStrictEqual([
      { principal: SP, privileges: ["CREATE_FUNCTION", "CREATE_TABLE", "EXECUTE", "MODIFY", "SELECT", "USE_SCHEMA"] },
      { principal: "engineers", privileges: ["CREATE_FUNCTION", "CREATE_TABLE", "EXECUTE", "MODIFY", "SELECT", "USE_SCHEMA"] },
      { principal: "zeta-admins", privileges: manage },
    ]);
  });

  it("gives file access on landing by level, and on table layers to writers only", () => {
    expect(locationGrants(principals, "landing")).toStrictEqual([
      { principal: SP, privileges: ["READ_FILES"] },
      { principal: "engineers", privileges: ["READ_FILES"] },
      { principal: "uploaders", privileges: ["READ_FILES", "WRITE_FILES"] },
      { principal: "zeta-admins", privileges: ["ALL_PRIVILEGES"] },
    ]);
    expect(locationGrants(principals, "gold")).toStrictEqual([
      { principal: SP, privileges: ["ALL_PRIVILEGES"] },
      { principal: "zeta-admins", privileges: ["ALL_PRIVILEGES"] },
    ]);
    expect(locationGrants(principals, "bronze")).toStrictEqual([
      { principal: SP, privileges: ["READ_FILES", "WRITE_FILES"] },
      { principal: "engineers", privileges: ["READ_FILES", "WRITE_FILES"] },
      { principal: "zeta-admins", privileges: ["ALL_PRIVILEGES"] },
    ]);
  });

  it("lets writers and the run-as principal use compute", () => {
    expect(computeUsers(principals).map((p) => p.id)).toStrictEqual([SP, "engineers", "uploaders", "zeta-admins"]);
  });

  it("derives job permissions: manage everywhere administers, writers run, readers view, others nothing", () => {
    expect(Object.fromEntries(principals.map((p) => [p.id, jobPermissionLevel(p)]))).toStrictEqual({
      [SP]: "CAN_MANAGE_RUN",
      analysts: "CAN_VIEW",
      engineers: "CAN_MANAGE_RUN",
      nobody: undefined,
      uploaders: "CAN_MANAGE_RUN",
      "zeta-admins": "CAN_MANAGE",
    });
  });

  it("renders permission entries by principal type", () => {
    expect(principals.map((p) => accessControl(p, "CAN_USE")).slice(0, 2)).toStrictEqual([
      { servicePrincipalName: SP, permissionLevel: "CAN_USE" },
      { groupName: "analysts", permissionLevel: "CAN_USE" },
    ]);
  });

  it("runs the job as the run-as principal's application id", () => {
    expect(runAsApplicationId(access)).toBe(SP);
  });

  it("fails if the run-as principal has no application id", () => {
    expect(() => runAsApplicationId({ ...access, jobRunAs: "engineers" })).toThrow('access.jobRunAs "engineers" is not a service principal');
  });
});
