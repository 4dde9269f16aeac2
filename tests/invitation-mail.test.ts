import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { resetEnv } from "@/lib/server/env";
import { mailInvitation } from "@/lib/team/invitation-mail";
import { createInvitation, pendingInvitation } from "@/lib/team/invitations";
import { makeTenant } from "./support/fixtures";

// Invitation e-mail through a real SMTP conversation with a server this file owns (the
// outside mail relay's stand-in): what is sent, where its link points, and what a refusal does.

interface Received {
  from: string;
  to: string[];
  data: string;
}

const received: Received[] = [];
let refuse = false;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    callback(refuse ? Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }) : undefined);
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        data: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
  vi.stubEnv("NEXTAUTH_URL", "https://console.courier.test");
  vi.stubEnv("MAIL_FROM", "Courier Console <team@courier.test>");
  resetEnv();
});
afterEach(() => {
  received.length = 0;
  refuse = false;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnv();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

async function invite(email: string) {
  const tenant = await makeTenant();
  const owner = tenant.members.find((m) => m.role === "OWNER")!;
  const made = await createInvitation(
    { tenantId: tenant.id },
    { memberId: owner.id, role: "OWNER", email: owner.email, ip: null },
    { email, role: "DEVELOPER" },
  );
  const mail = { email, role: made.invitation.role, path: made.path, tenantName: tenant.name, inviterEmail: owner.email };
  return { tenant, owner, token: made.token, mail };
}

/** The mail's text with quoted-printable soft breaks joined and =XX escapes read. */
function plain(data: string): string {
  return data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("invitation e-mail", () => {
  it("sends the link, on the configured public URL, to the invited address only", async () => {
    const email = `new.dev-${Date.now()}@example.com`;
    const { tenant, owner, token, mail } = await invite(email);
    expect(await mailInvitation(mail)).toBe("sent");
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.from).toBe("team@courier.test");
    expect(message?.to).toEqual([email]);
    const text = plain(message?.data ?? "");
    expect(text).toContain(`https://console.courier.test/invite/${token}`);
    expect(text).toContain(owner.email);
    expect(text).toContain(tenant.name);
    // The link in the mail is the one that works.
    const link = /https:\/\/console\.courier\.test\/invite\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
    expect(await pendingInvitation(link)).toMatchObject({ email, role: "DEVELOPER" });
  });

  it("answers failed when the server refuses, logging the refusal but never the link", async () => {
    refuse = true;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const email = `nobody-${Date.now()}@example.com`;
      const { token, mail } = await invite(email);
      expect(await mailInvitation(mail)).toBe("failed");
      expect(received).toHaveLength(0);
      const logged = warn.mock.calls.flat().join(" ");
      expect(logged).toContain(email);
      expect(logged).not.toContain(token);
      // The invitation stands: the inviter passes the link on by hand.
      expect(await pendingInvitation(token)).not.toBeNull();
    } finally {
      warn.mockRestore();
    }
  });

  it("sends nothing without SMTP_URL", async () => {
    vi.stubEnv("SMTP_URL", "");
    resetEnv();
    try {
      const { mail } = await invite(`quiet-${Date.now()}@example.com`);
      expect(await mailInvitation(mail)).toBe("off");
      expect(received).toHaveLength(0);
    } finally {
      const { port } = smtp.server.address() as AddressInfo;
      vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
      resetEnv();
    }
  });
});
