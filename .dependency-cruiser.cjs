/**
 * Import rules for what ships (lib, app, components, bin and the server's entry files; tests excluded),
 * checked by `npm run deps` in scripts/test.sh right after the typecheck and lint.
 * The picture they keep true is in docs/ARCHITECTURE.md ("Folders and layers").
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycle-between-lib-folders",
      severity: "error",
      comment:
        "Two lib/ folders that import each other (directly or round a loop) are one module in two places: neither " +
        "can be read, tested or changed alone. Move the shared piece down into a folder both may import (lib/yaml, " +
        "lib/policy/severity.ts), or the wiring up into lib/startup.ts. A loop inside one folder is that folder's own business.",
      scope: "folder",
      from: { path: "^lib/([^/]+)" },
      to: { circular: true, pathNot: "^lib/$1(/|$)" },
    },
    {
      name: "no-module-cycle",
      severity: "error",
      comment: "Two modules that import each other load in an order that depends on who imported first.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-to-app",
      severity: "error",
      comment: "lib/ is what app/ and the CLI build on; it must not reach back into pages or components.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment:
        "components/ holds what several routes share; a component that needs a route's server action belongs beside " +
        "that route (app/(app)/<route>/), so the shared folder never depends on one page.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "app-pages-not-to-db",
      severity: "error",
      comment:
        "Pages, layouts and route components read through lib/views (one small function per view), never the " +
        "database. Route handlers (route.ts) and server actions (actions.ts) may hand getDb() to a lib function " +
        "that takes the client, but queries live in lib/ (docs/CODE_STYLE.md).",
      from: { path: "^app/", pathNot: "/(route|actions)\\.tsx?$" },
      to: { path: "^lib/db(/|\\.ts$)" },
    },
    {
      name: "product-not-to-test-tooling",
      severity: "error",
      comment: "What ships (lib, app, components, bin, the server's entry files) never imports tests, benches or scripts.",
      from: { path: "^(lib|app|components|bin)/|^(instrumentation|proxy)\\.ts$" },
      to: { path: "^(test|bench|scripts|e2e)/" },
    },
  ],
  options: {
    // Type-only imports count: a type is an import, and types are where these cycles hid.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    // Tests and their fixtures are not the product: a lib test may import test support that imports lib again.
    exclude: { path: "^(generated|\\.next|node_modules)/|\\.test\\.tsx?$|/__fixtures__/" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    skipAnalysisNotInRules: true,
  },
};
