import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { SMTPSentMessageInfo, SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '../config/app-config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

type Transporter = Mail<SMTPSentMessageInfo, SMTPTransportOptions>;

/**
 * Sends one plain-text message over SMTP_URL with nodemailer. `smtp://` upgrades with STARTTLS
 * when the server offers it (the certificate must be valid); `smtps://` uses TLS from the
 * start; `user:password@` in the URL authenticates.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.env.SMTP_URL);
  }

  /** Sends the message; returns its Message-ID. Throws what nodemailer throws. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.getTransporter().sendMail({
      from: this.config.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  private getTransporter(): Transporter {
    const url = this.config.env.SMTP_URL;
    if (!url) throw new Error('SMTP_URL is not set; mail cannot be delivered');
    this.transporter ??= createTransport({
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      logger: false,
      debug: false,
    } satisfies SMTPTransportOptions);
    return this.transporter;
  }
}
