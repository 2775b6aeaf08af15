/** A small set of inline icons (no icon font, no network). Decorative: always paired with a word. */
const PATHS: Record<string, string> = {
  overview: "M3 12h4l3-8 4 16 3-8h4",
  room: "M4 5h16v11H8l-4 4z",
  device: "M7 2h10v20H7zM11 18h2",
  agent: "M12 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM4 21c0-4 3.6-7 8-7s8 3 8 7",
  mesh: "M5 5h4v4H5zM15 5h4v4h-4zM10 15h4v4h-4zM7 9l5 6M17 9l-5 6",
  finding: "M12 3 2 21h20zM12 10v5M12 18h.01",
  drift: "M3 17l6-6 4 4 8-8M15 7h6v6",
  evidence: "M6 2h9l5 5v15H6zM14 2v6h6M9 14l2 2 4-4",
  settings: "M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1",
  lockClosed: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4",
  lockOpen: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 7.7-1.5",
  shieldCheck: "M12 2 4 5v6c0 5 3.4 9.5 8 11 4.6-1.5 8-6 8-11V5zM8.5 12l2.5 2.5 4.5-5",
  shieldCross: "M12 2 4 5v6c0 5 3.4 9.5 8 11 4.6-1.5 8-6 8-11V5zM9 9l6 6M15 9l-6 6",
  sun: "M12 7a5 5 0 1 1 0 10 5 5 0 0 1 0-10zM12 1v2M12 21v2M1 12h2M21 12h2",
  moon: "M21 13A9 9 0 1 1 11 3a7 7 0 0 0 10 10z",
  check: "M5 12l5 5L20 7",
  cross: "M6 6l12 12M18 6 6 18",
  clock: "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM12 7v5l3 3",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  arrowUp: "M12 19V5M6 11l6-6 6 6",
  arrowDown: "M12 5v14M6 13l6 6 6-6",
  key: "M8 14a4 4 0 1 1 0-8 4 4 0 0 1 0 8zM11.5 10H21M18 10v3M15 10v2",
  signOut: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
  refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7",
};

export function Icon({ name, className = "h-4 w-4" }: { name: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name] ?? ""} />
    </svg>
  );
}
