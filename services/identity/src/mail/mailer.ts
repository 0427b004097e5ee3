import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { IdentityConfig } from '../config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends the portal's e-mail over SMTP (nodemailer) to SMTP_URL: in development, the local mail catcher. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter;

  constructor(config: IdentityConfig) {
    this.transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
  }

  /**
   * Sends without making the caller wait: a reset request must answer alike
   * (and as fast) whether or not the address has an account, so the SMTP
   * round trip may not show in its timing. A failure is logged (no address).
   */
  sendInBackground(mail: Mail, context: Record<string, unknown>): void {
    this.send(mail).catch((error: unknown) => this.logger.error({ err: error, ...context }, 'could not send e-mail'));
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
