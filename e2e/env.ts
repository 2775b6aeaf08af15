/** What scripts/test.sh hands the browser tests about the running test bed. */
function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests through scripts/test.sh`);
  return v;
}

export const admin = { email: need("VIGIL_ADMIN_EMAIL"), password: need("VIGIL_ADMIN_PASSWORD") };
export const testbedDir = need("VIGIL_TESTBED_DIR");
