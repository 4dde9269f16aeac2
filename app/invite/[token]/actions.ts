"use server";

import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult, FieldErrors } from "@/lib/auth/member-action";
import { acceptInvitation } from "@/lib/team/invitations";
import { AcceptInvitationInput } from "@/lib/team/rules";
import { AppError } from "@/lib/server/errors";
import { clientIp } from "@/lib/server/request-ip";

/** Public: the token is the credential. Makes the member; the form then signs them in. */
export async function acceptTeamInvitation(
  _previous: ActionResult<{ email: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ email: string }>> {
  const parsed = AcceptInvitationInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return {
      ok: false,
      code: "validation_failed",
      error: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      values: { name: String(formData.get("name") ?? "") },
    };
  }
  try {
    const member = await acceptInvitation(parsed.data, { ip: clientIp(await headers()) });
    return { ok: true, data: { email: member.email } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, code: error.code, error: error.message };
  }
}
