import { describe, expect, it } from "vitest";
import { hasRole, isPublicPath, PERMISSIONS, requiredRole } from "./permissions";

describe("roles", () => {
  it("orders viewer < auditor < admin", () => {
    expect(hasRole("admin", "viewer")).toBe(true);
    expect(hasRole("auditor", "auditor")).toBe(true);
    expect(hasRole("viewer", "auditor")).toBe(false);
    expect(hasRole("auditor", "admin")).toBe(false);
  });

  it("keeps configuration changes for admins", () => {
    expect(requiredRole("settings.update")).toBe("admin");
    expect(Object.values(PERMISSIONS)).not.toContain("viewer");
  });
});

describe("public paths", () => {
  it("are matched by segment, not by substring", () => {
    expect(isPublicPath("/signin")).toBe(true);
    expect(isPublicPath("/api/auth/session")).toBe(true);
    expect(isPublicPath("/settings")).toBe(false);
    expect(isPublicPath("/signin/../settings")).toBe(false);
    expect(isPublicPath("/rooms?x=/signin")).toBe(false);
    expect(isPublicPath("/api/authx")).toBe(false);
  });
});
