// The SMTP transport (nodemailer), configured by SMTP_URL and MAIL_FROM; none when SMTP_URL is unset (the demo):
// mail then stays in the built-in outbox that admins read at /admin/outbox.
import nodemailer from "nodemailer";

export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    html: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
}

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_FROM?.trim() || "Cadence <cadence@localhost>";
}

let cached: { url: string; transport: MailTransport } | null = null;

export function smtpTransport(env: NodeJS.ProcessEnv = process.env): MailTransport | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}
