import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/lib/server/env";
import type { MailOutcome } from "./outcome";

export type { MailOutcome };

/**
 * The app's outgoing e-mail, through the SMTP server of SMTP_URL; without one nothing is sent
 * and callers say so to the member (an invitation link is then shown to pass on by hand).
 */

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const SEND_TIMEOUT_MS = 10_000;
let transport: { url: string; mailer: Transporter } | undefined;

function mailer(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      mailer: createTransport(url, {
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      }),
    };
  }
  return transport.mailer;
}

/** Sends one mail; never throws. A failure is logged by its SMTP answer only: the body may hold a link that works. */
export async function sendMail(mail: Mail): Promise<MailOutcome> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return "off";
  try {
    await mailer(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return "sent";
  } catch (error) {
    const reason = error instanceof Error ? ((error as Error & { response?: string }).response ?? error.message) : String(error);
    console.warn(`e-mail to ${mail.to} not sent: ${reason.slice(0, 200)}`);
    return "failed";
  }
}
