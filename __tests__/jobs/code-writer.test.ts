import { CodeWriter } from "../../jobs/code-writer";
import { code, markdown, renderNotebook } from "../../jobs/notebook";

describe("CodeWriter", () => {
  it("indents blocks and leaves empty lines empty", () => {
    const w = new CodeWriter().block("def f(x):", (b) => b.block("if x:", (i) => i.line("return 1")).line().line("return 2"));
    expect(w.toString()).toBe("def f(x):\n    if x:\n        return 1\n\n    return 2");
  });

  it("writes Python lists with a trailing comma and SQL lists without", () => {
    expect(new CodeWriter().list("X = [", ["1", "2"], "]").toString()).toBe("X = [\n    1,\n    2,\n]");
    expect(new CodeWriter().list("(", ["a INT", "b INT"], ")", false).toString()).toBe("(\n    a INT,\n    b INT\n)");
    expect(new CodeWriter().list("X = [", [], "]").toString()).toBe("X = []");
  });

  it("returns to the outer depth after a block", () => {
    const w = new CodeWriter().block("try:", (b) => b.line("a()")).block("finally:", (b) => b.line("b()"));
    expect(w.toString()).toBe("try:\n    a()\nfinally:\n    b()");
  });
});

describe("renderNotebook", () => {
  it("writes Databricks source format: header, COMMAND separators, MAGIC markdown", () => {
    const text = renderNotebook([markdown("# Title", "", "Text"), code((w) => w.line("x = 1"))]);
    expect(text).toBe(
      "# Databricks notebook source\n# MAGIC %md\n# MAGIC # Title\n# MAGIC\n# MAGIC Text\n\n# COMMAND ----------\n\nx = 1\n",
    );
  });
});
