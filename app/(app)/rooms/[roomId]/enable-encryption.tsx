"use client";
import { enableEncryptionAction } from "../actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The remediation for MX-ROOM-PLAINTEXT, with a confirmation that says exactly what happens and that it cannot be undone. */
export function EnableEncryption({
  roomId,
  roomName,
  auditorUserId,
  serverAdmin,
  allowed,
}: {
  roomId: string;
  roomName: string | null;
  auditorUserId: string;
  serverAdmin: boolean;
  allowed: boolean;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Enable encryption…"
      title="Enable end-to-end encryption"
      confirmLabel="Enable encryption"
      disabled={!allowed}
      onConfirm={() => enableEncryptionAction(roomId)}
    >
      <p>
        Room <strong className="break-all">{roomName ?? "(no name)"}</strong> (<span className="mono break-all">{roomId}</span>)
      </p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        {serverAdmin && (
          <li>
            If the auditor <span className="mono">{auditorUserId}</span> lacks power in the room, Synapse&apos;s admin API grants it the
            room&apos;s top power level (<span className="mono">make_room_admin</span>) and the auditor joins the room.
          </li>
        )}
        <li>
          The auditor sends the <span className="mono">m.room.encryption</span> state event with{" "}
          <span className="mono">m.megolm.v1.aes-sha2</span>. Messages sent from then on are end-to-end encrypted; earlier messages stay as
          they were.
        </li>
      </ol>
      <p className="mt-3 font-medium text-critical dark:text-red-300">
        This cannot be undone: Matrix does not allow encryption to be turned off in a room. Bots or bridges that cannot decrypt will stop
        understanding new messages.
      </p>
      {!allowed && <p className="mt-2">Needs the admin role.</p>}
    </ConfirmDialog>
  );
}
