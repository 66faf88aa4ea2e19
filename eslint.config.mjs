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
    files: ["access/**/*.ts", "jobs/**/*.ts", "platform/**/*.ts", "naming/**/*.ts", "observability/**/*.ts", "overview/**/*.ts", "diff/**/*.ts", "examples/**/*.ts"],
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
      // The first matching element wins: platform's parsers and rules are elements of their own.
      "boundaries/elements": [
        { type: "platform-syntax", pattern: "platform/syntax" },
        { type: "platform-rules", pattern: "platform/rules" },
        ...["platform", "naming", "jobs", "access", "observability", "overview", "diff", "guardrails", "constructs", "stacks", "examples"].map((type) => ({ type, pattern: type })),
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          message:
            "The flow runs one way: platform -> naming -> jobs, access, observability, overview (pure TypeScript) -> constructs -> stacks (guardrails beside constructs; examples read platform only). Inside platform, platform/syntax holds the parsers (they import nothing of the project) and platform/rules only rules: nothing past naming imports a rule file.",
          policies: [
            ["platform-syntax", []],
            ["platform-rules", ["platform", "platform-syntax"]],
            ["platform", ["platform-rules", "platform-syntax"]],
            ["naming", ["platform", "platform-rules"]],
            ["jobs", ["platform", "platform-syntax", "naming"]],
            // The access model: what the spec grants and what each task needs, pure; constructs render it, the synth check holds stacks to it.
            ["access", ["platform", "platform-syntax", "naming", "jobs", "observability"]],
            ["observability", ["platform", "platform-syntax", "naming", "jobs"]],
            ["overview", ["platform", "platform-syntax", "naming", "jobs", "access"]],
            // The platform diff compares two models; the stateful-type list is the guardrails' one.
            ["diff", ["platform", "platform-syntax", "naming", "guardrails"]],
            ["guardrails", []],
            ["constructs", ["platform", "platform-syntax", "naming", "jobs", "access", "observability", "guardrails"]],
            ["stacks", ["platform", "platform-syntax", "naming", "jobs", "access", "observability", "overview", "guardrails", "constructs"]],
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
