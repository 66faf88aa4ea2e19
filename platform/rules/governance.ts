import { resolveColumn, silverColumns } from "../columns";
import type { Problem } from "../problem";
import { type Platform, STRING_MASKS } from "../schema";
import type { SpecRule } from "./rule";

/** Masks fit their columns; row filters name a column and declared principals; PII is not summed. */
export const governanceRules: SpecRule = (p: Platform) => {
  const problems: Problem[] = [];
  const principals = new Set(p.access.principals.map((x) => x.name));
  const declared = [...principals].join(", ");
  const mustBePrincipal = (name: string, path: string) => {
    if (!principals.has(name)) problems.push({ path, value: name, message: `must name a principal in access.principals: ${declared}` });
  };

  p.datasets.forEach((ds, i) => {
    ds.columns.forEach((c, j) => {
      const at = `datasets[${i}].columns[${j}]`;
      if (!c.pii && (c.mask !== undefined || c.piiClass !== undefined)) {
        problems.push({ path: `${at}.${c.mask !== undefined ? "mask" : "piiClass"}`, value: c.mask ?? c.piiClass, message: "applies to PII columns only; set pii: true or remove it" });
      }
      if (c.pii && c.mask !== undefined && STRING_MASKS.has(c.mask) && c.type !== "string") {
        problems.push({ path: `${at}.mask`, value: c.mask, message: `${c.mask} masks string columns only; "${c.name}" is ${c.type}: use "null"` });
      }
    });
    const filter = ds.rowFilter;
    if (!filter) return;
    const at = `datasets[${i}].rowFilter`;
    const column = silverColumns(ds).find((c) => c.name === filter.column);
    if (!column) {
      problems.push({ path: `${at}.column`, value: filter.column, message: `must be one of the dataset's columns: ${silverColumns(ds).map((c) => c.name).join(", ")}` });
    } else if (column.pii) {
      problems.push({ path: `${at}.column`, value: filter.column, message: "a row filter column must not be PII: readers without the PII permission would filter on masked values" });
    }
    filter.allRows.forEach((name, k) => mustBePrincipal(name, `${at}.allRows[${k}]`));
    filter.grants.forEach((g, k) => g.principals.forEach((name, l) => mustBePrincipal(name, `${at}.grants[${k}].principals[${l}]`)));
  });

  const columns = new Map(p.datasets.map((ds) => [ds.name, silverColumns(ds)]));
  p.gold.forEach((g, i) => {
    const inputs = [g.from, ...g.joins.map((j) => j.dataset)];
    g.measures.forEach((m, k) => {
      if (!m.column || (m.fn !== "sum" && m.fn !== "avg")) return;
      const column = resolveColumn(m.column, inputs, columns)?.column;
      if (column?.pii) {
        problems.push({
          path: `gold[${i}].measures[${k}].fn`,
          value: m.fn,
          message: `${m.fn} over the PII column "${m.column}" yields a value no mask of the column covers; use count, count_distinct, min or max, or drop pii from the column`,
        });
      }
    });
  });
  return problems;
};
