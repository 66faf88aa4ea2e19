import { environmentNeeds } from "../../access/needs";
import { planPipeline } from "../../jobs";
import { renderOverview } from "../../overview";
import { platform } from "../fixtures/platform";

const plan = planPipeline(platform);
const section = (md: string, title: string) => md.split(`\n## ${title}\n`)[1].split("\n## ")[0];
const rows = (md: string) => md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
const whoCanDoWhat = section(renderOverview(platform, plan), "Who can do what");

describe("overview: who can do what", () => {
  it("shows each principal's grants as the access model renders them: the run-as principal, Airflow's identity, a reader", () => {
    const row = (name: string) => rows(whoCanDoWhat).find((r) => r.startsWith(`| ${name} |`));
    const write = "CREATE_FUNCTION, CREATE_TABLE, EXECUTE, MODIFY, SELECT, USE_SCHEMA";
    const rw = "READ_FILES, WRITE_FILES";
    expect(row("rtl-pipeline")).toBe(`| rtl-pipeline | USE_CATALOG | ${write} | ${write} | ${write} | READ_FILES | ${rw} | ${rw} | ${rw} | CAN_MANAGE_RUN | CAN_READ | CAN_USE | CAN_EDIT |`);
    expect(row("rtl-airflow")).toBe("| rtl-airflow | - | - | - | - | - | - | - | - | CAN_MANAGE_RUN (where Airflow runs it) | - | - | - |");
    expect(row("analysts")).toBe("| analysts | USE_CATALOG | - | - | EXECUTE, SELECT, USE_SCHEMA | - | - | - | - | CAN_VIEW | - | - | CAN_READ |");
  });

  it("lists every need of the first environment's tasks once, with the reason", () => {
    const table = rows(whoCanDoWhat).filter((r) => r.startsWith("| `"));
    const unique = new Set(environmentNeeds(platform, platform.environments[0], plan).map((n) => `${n.task} ${n.privilege} ${n.securable.kind} ${n.securable.name}`));
    expect(table).toHaveLength(unique.size);
    expect(table).toContain("| `bronze_customers` | WRITE_FILES | external location `rtl_dev_bronze` | the stream's checkpoint and Auto Loader's schema location |");
    expect(table).toContain("| `governance` | MANAGE | table `rtl_dev.silver.customers` | sets tags, SET MASK, SET ROW FILTER and drops stale ones (owner or MANAGE) |");
  });
});
