"use server";

import { z } from "zod";
import { memberAction } from "@/lib/auth/member-action";
import { setDashboardEnvironment } from "@/lib/auth/environment";
import { ENVIRONMENT_CHOICES, ENVIRONMENTS } from "@/lib/api-users/rules";

// The Test / Live switch in the header. Any member may flip it (read-only too): it changes
// only what that member sees, so it is no activity event. Every page shows it.
export const switchEnvironment = memberAction(
  {
    ability: "read",
    schema: z.object({ environment: z.enum(ENVIRONMENT_CHOICES, { error: "Choose live or test." }) }),
    // The switch refreshes the page it is on; every dashboard page is rendered per request.
    revalidate: [],
  },
  async ({ member, input }) => setDashboardEnvironment(member, ENVIRONMENTS[input.environment].environment),
);
