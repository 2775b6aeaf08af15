/** The navigation, in the order a security engineer works: posture, inventory, findings, proof, configuration. */
export const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: "overview" },
  { href: "/rooms", label: "Rooms", icon: "room" },
  { href: "/devices", label: "Devices", icon: "device" },
  { href: "/agents", label: "Agents", icon: "agent" },
  { href: "/mesh", label: "Mesh", icon: "mesh" },
  { href: "/homeserver", label: "Homeserver", icon: "settings" },
  { href: "/findings", label: "Findings", icon: "finding" },
  { href: "/drift", label: "Drift", icon: "drift" },
  { href: "/evidence", label: "Evidence", icon: "evidence" },
  { href: "/settings", label: "Settings", icon: "settings" },
  { href: "/auditor-device", label: "Auditor device", icon: "device" },
] as const;
