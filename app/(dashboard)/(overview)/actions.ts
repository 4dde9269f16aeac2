"use server";

import { z } from "zod";
import { memberAction } from "@/lib/auth/member-action";
import { acknowledgeLeaks } from "@/lib/credentials/leak-reports";

const AcknowledgeLeaksInput = z.object({ tokenIds: z.array(z.string().min(1).max(64)).min(1).max(100) });

/** The Overview's leaked-token banner: seen, so it goes (an event per token). */
export const acknowledgeLeakedTokens = memberAction(
  { ability: "credentials", schema: AcknowledgeLeaksInput, revalidate: ["/", "/activity"] },
  async ({ member, input, ip }) => acknowledgeLeaks(member, { email: member.email, ip }, input.tokenIds),
);
