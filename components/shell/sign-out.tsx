"use client";
import { signOut } from "next-auth/react";

/**
 * Signing out ends every session of this user (lib/auth/options.ts). No
 * redirect from next-auth: without NEXTAUTH_URL it would send the browser to
 * its default http://localhost:3000; the sign-in page is on this origin.
 */
export function SignOutButton() {
  const leave = async () => {
    await signOut({ redirect: false });
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load: nothing of the old session's client state survives
    window.location.assign("/signin");
  };
  return (
    <button type="button" className="btn w-full justify-center" onClick={() => void leave()}>
      Sign out
    </button>
  );
}
