/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` refuses its own scripts to origins it does not know; tests use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  // The typecheck runs once, over everything (app, tests, scripts, benches), in
  // scripts/test.sh (with ESLint and the import rules: `npm run check` runs the same
  // three); the build need not repeat it. Next 16's build does not lint at all.
  typescript: { ignoreBuildErrors: true },
  // Packages that load WebAssembly or native code from their own folder at run time:
  // bundling them would break their relative file lookups.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "matrix-js-sdk",
    "@matrix-org/matrix-sdk-crypto-wasm",
    "pg",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
