"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="btn w-full justify-center" onClick={() => signOut({ callbackUrl: "/signin" })}>
      Sign out
    </button>
  );
}
