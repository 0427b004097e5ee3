export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: string;
}

export interface MailCatcher {
  port: number;
  /** SMTP_URL for the identity service. */
  url: string;
  messages: CaughtMail[];
  waitFor(to: string, match?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

export function startMailCatcher(options?: { port?: number; host?: string; directory?: string }): Promise<MailCatcher>;
