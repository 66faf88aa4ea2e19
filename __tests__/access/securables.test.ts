import { covers, grantsOf, includesLevel, lineage, owns, permissionsOf } from "../../access/securables";

const grant = (kind: "catalog" | "schema" | "table" | "external_location", name: string, principal: string, privileges: string[]) => ({
  securable: { kind, name },
  principal,
  privileges,
  address: `databricks_grants.${name}`,
});

describe("Unity Catalog evaluation", () => {
  const table = { kind: "table", name: "c.s.t" } as const;

  it("walks a table up to its schema and catalog; a location stands alone", () => {
    expect(lineage(table).map((s) => `${s.kind} ${s.name}`)).toStrictEqual(["table c.s.t", "schema c.s", "catalog c"]);
    expect(lineage({ kind: "external_location", name: "loc" })).toStrictEqual([{ kind: "external_location", name: "loc" }]);
  });

  it("inherits a privilege granted on the catalog or the schema, and ALL_PRIVILEGES stands for any", () => {
    expect(grantsOf({ grants: [grant("catalog", "c", "p", ["SELECT"])] }, "p", "SELECT", table)).toHaveLength(1);
    expect(grantsOf({ grants: [grant("schema", "c.s", "p", ["ALL_PRIVILEGES"])] }, "p", "MANAGE", table)).toHaveLength(1);
  });

  it("fails if a grant on another schema, another principal or another privilege is taken for the one needed", () => {
    const grants = [grant("schema", "c.other", "p", ["SELECT"]), grant("schema", "c.s", "q", ["SELECT"]), grant("schema", "c.s", "p", ["MODIFY"])];
    expect(grantsOf({ grants }, "p", "SELECT", table)).toStrictEqual([]);
  });

  it("counts ownership only on the object owned", () => {
    const owners = [{ securable: { kind: "registered_model", name: "c.ml.m" } as const, principal: "p", address: "x" }];
    expect(owns({ owners }, "p", { kind: "registered_model", name: "c.ml.m" })).toBe(true);
    expect(owns({ owners }, "p", { kind: "registered_model", name: "c.ml.other" })).toBe(false);
  });
});

describe("workspace evaluation", () => {
  it("inherits a folder's permission into everything under it, never into a sibling that shares its prefix", () => {
    expect(covers({ kind: "path", name: "/rtl/dev" }, { kind: "path", name: "/rtl/dev/runtime/abc" })).toBe(true);
    expect(covers({ kind: "path", name: "/rtl/dev" }, { kind: "path", name: "/rtl/dev2/bronze" })).toBe(false);
  });

  it("orders levels per object kind: CAN_MANAGE includes CAN_READ, CAN_VIEW does not include CAN_MANAGE_RUN", () => {
    expect(includesLevel("path", "CAN_MANAGE", "CAN_READ")).toBe(true);
    expect(includesLevel("job", "CAN_VIEW", "CAN_MANAGE_RUN")).toBe(false);
    expect(includesLevel("warehouse", "CAN_MANAGE", "CAN_USE")).toBe(true);
  });

  it("finds the folder permission that gives a notebook CAN_READ", () => {
    const permissions = [{ object: { kind: "path", name: "/rtl/dev" } as const, principal: "sp", level: "CAN_READ", address: "databricks_permissions.folder" }];
    expect(permissionsOf({ permissions }, "sp", "CAN_READ", { kind: "path", name: "/rtl/dev/bronze_orders" })).toStrictEqual(permissions);
    expect(permissionsOf({ permissions }, "sp", "CAN_RUN", { kind: "path", name: "/rtl/dev/bronze_orders" })).toStrictEqual([]);
  });
});
