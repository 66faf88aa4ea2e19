// Lint rules that hold the architecture in place: deep provider imports only, notebook emitters
// free of cdktf, constructs independent of stacks, the platform/naming core free of both, and the
// folder order platform -> naming -> jobs -> constructs -> stacks (eslint-plugin-boundaries).
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

const providerRoots = ["@cdktf/provider-aws", "@cdktf/provider-azurerm", "@cdktf/provider-databricks"].map((name) => ({
  name,
  message: `Import the class by deep path (${name}/lib/<resource>): the root namespace makes synth several times slower.`,
}));
const noCdktf = {
  group: ["cdktf", "cdktf/*", "constructs", "@cdktf/*"],
  message: "This layer is pure TypeScript: it must not depend on cdktf or constructs.",
};

export default tseslint.config(
  { ignores: ["node_modules/**", "cdktf.out/**", ".venv*/**", "**/*.js", "**/*.mjs", "**/*.cjs", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: providerRoots }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["jobs/**/*.ts", "platform/**/*.ts", "naming/**/*.ts", "observability/**/*.ts", "overview/**/*.ts", "diff/**/*.ts", "examples/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: providerRoots, patterns: [noCdktf] }] },
  },
  {
    files: ["constructs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: providerRoots, patterns: [{ group: ["**/stacks", "**/stacks/*"], message: "Constructs must not import stacks: the flow runs spec -> constructs -> stacks." }] },
      ],
    },
  },
  {
    files: ["**/*.ts"],
    ignores: ["__tests__/**", "scripts/**"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { node: { extensions: [".ts", ".js"] } },
      "boundaries/elements": ["platform", "naming", "jobs", "observability", "overview", "diff", "guardrails", "constructs", "stacks", "examples"].map((type) => ({ type, pattern: type })),
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          message:
            "The flow runs one way: platform -> naming -> jobs, observability, overview (pure TypeScript) -> constructs -> stacks (guardrails beside constructs; examples read platform only).",
          policies: [
            ["platform", []],
            ["naming", ["platform"]],
            ["jobs", ["platform", "naming"]],
            ["observability", ["platform", "naming", "jobs"]],
            ["overview", ["platform", "naming", "jobs"]],
            // The platform diff compares two models; the stateful-type list is the guardrails' one.
            ["diff", ["platform", "naming", "guardrails"]],
            ["guardrails", []],
            ["constructs", ["platform", "naming", "jobs", "observability", "guardrails"]],
            ["stacks", ["platform", "naming", "jobs", "observability", "overview", "guardrails", "constructs"]],
            ["examples", ["platform"]],
          ].map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
          })),
        },
      ],
    },
  },
);
