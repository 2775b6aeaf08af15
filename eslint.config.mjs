import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

const config = [
  { ignores: ["generated/**", ".next/**", ".testbed/**", "bench/out/**", "test-results/**", "node_modules/**"] },
  ...coreWebVitals,
  ...typescript,
  {
    rules: {
      // Parse at boundaries instead (docs/CODE_STYLE.md).
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: "Use Link from @/components/ui/link: no prefetching of per-request pages." }] },
      ],
    },
  },
  { files: ["components/ui/link.tsx"], rules: { "no-restricted-imports": "off" } },
];

export default config;
