// No imports: the client's invitation dialog reads it.

/** What became of one e-mail: sent, refused or unreachable server, or no SMTP_URL configured. */
export type MailOutcome = "sent" | "failed" | "off";
