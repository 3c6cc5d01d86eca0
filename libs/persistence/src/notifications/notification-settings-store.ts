import type {
  Actor,
  DepartmentContact,
  DepartmentRobot,
  NotificationSettings,
  NotificationSettingsInput,
  RobotKind,
  SmsTransportInput,
  SmtpTransportInput,
  TransportsView,
} from '@app/contracts';

/** A robot as the dispatcher uses it: its URL and signing secret opened. */
export interface RobotEndpoint {
  departmentId: string;
  kind: RobotKind;
  label: string;
  url: string;
  signSecret: string | null;
  enabled: boolean;
}

export interface SmtpSettings {
  host: string;
  /** 465 with `secure`, else 25 or 587 (STARTTLS when offered; required with a username). */
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}

export interface SmsGatewaySettings {
  url: string;
  appKey: string;
  secret: string;
  /** The registered signature (短信签名), shown as 【signName】 in front of the text. */
  signName: string;
  /** JSON text with the placeholders {{to}} {{text}} {{requestId}} {{signName}} (docs/notifications.md). */
  bodyTemplate: string;
}

/** A department's routing: who, which robots, which subscriptions (ADR 14). */
export interface DepartmentRouting {
  departmentId: string;
  contacts: DepartmentContact[];
  robots: DepartmentRobot[];
  subscriptions: NotificationSettings['subscriptions'];
}

/**
 * Port: each department's contacts, group robots and subscriptions, and the office's mail server
 * and SMS gateway. Every change is in the operator audit; secrets are sealed at rest and only the
 * dispatcher sees them opened.
 */
export abstract class NotificationSettingsStore {
  abstract settings(departmentId: string): Promise<NotificationSettings>;
  /** Replaces the contacts and subscriptions (validated by the caller). */
  abstract saveSettings(
    departmentId: string,
    input: NotificationSettingsInput,
    actor: Actor,
  ): Promise<NotificationSettings>;
  /** Creates or changes a robot; url / signSecret kept when undefined; null when there is none to keep. */
  abstract saveRobot(
    departmentId: string,
    kind: RobotKind,
    change: { label: string; url?: string; signSecret?: string | null; enabled: boolean },
    actor: Actor,
  ): Promise<DepartmentRobot | 'needs-url'>;
  abstract deleteRobot(departmentId: string, kind: RobotKind, actor: Actor): Promise<boolean>;
  abstract robotEndpoint(departmentId: string, kind: RobotKind): Promise<RobotEndpoint | null>;

  abstract transports(publicUrl: string): Promise<TransportsView>;
  abstract saveSmtp(input: SmtpTransportInput, actor: Actor): Promise<void>;
  abstract saveSms(input: SmsTransportInput, actor: Actor): Promise<'needs-secret' | void>;
  abstract smtp(): Promise<SmtpSettings | null>;
  abstract smsGateway(): Promise<SmsGatewaySettings | null>;
}
