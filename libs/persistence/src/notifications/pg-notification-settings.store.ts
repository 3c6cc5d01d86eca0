import { DataSource } from 'typeorm';
import type {
  Actor,
  DepartmentContact,
  DepartmentRobot,
  NotificationSettings,
  NotificationSettingsInput,
  NotificationSubscription,
  RobotKind,
  SmsTransportInput,
  SmtpTransportInput,
  TransportsView,
} from '@app/contracts';
import type { SecretBox } from '@app/platform';
import { recordOperatorAction } from '../auth/operator-audit';
import { firstRow, rows } from '../signals/sql';
import {
  NotificationSettingsStore,
  RobotEndpoint,
  SmsGatewaySettings,
  SmtpSettings,
} from './notification-settings-store';

interface ContactRow {
  id: string;
  role: DepartmentContact['role'];
  name: string;
  email: string | null;
  mobile: string | null;
  actor_id: string | null;
}

interface RobotRow {
  department_id: string;
  kind: RobotKind;
  label: string;
  url_sealed: string;
  url_hint: string;
  sign_secret_sealed: string | null;
  enabled: boolean;
  updated_at: Date;
  updated_by_username: string;
}

interface SubscriptionRow {
  id: string;
  channel: NotificationSubscription['channel'];
  levels: string[];
  families: string[];
  audience: NotificationSubscription['audience'];
  enabled: boolean;
}

interface TransportRow {
  kind: 'smtp' | 'sms';
  settings: Record<string, unknown>;
  secret_sealed: string | null;
}

/** A robot URL with the token of its query (access_token, key) masked but for its last 4 characters. */
export function maskRobotUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const [name, value] of parsed.searchParams) {
      if (/token|key|secret/i.test(name)) parsed.searchParams.set(name, `••••${value.slice(-4)}`);
    }
    return decodeURIComponent(parsed.toString());
  } catch {
    return '••••';
  }
}

function robotFromRow(row: RobotRow): DepartmentRobot {
  return {
    kind: row.kind,
    label: row.label,
    urlHint: row.url_hint,
    hasSignSecret: row.sign_secret_sealed !== null,
    enabled: row.enabled,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by_username,
  };
}

const ROBOT_COLUMNS = `department_id, kind, label, url_sealed, url_hint, sign_secret_sealed, enabled, updated_at,
  updated_by_username`;

export class PgNotificationSettingsStore extends NotificationSettingsStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async settings(departmentId: string): Promise<NotificationSettings> {
    const [contacts, robots, subscriptions] = await Promise.all([
      rows<ContactRow>(
        this.dataSource,
        `SELECT id, role, name, email, mobile, actor_id FROM department_contacts
          WHERE department_id = $1 ORDER BY position`,
        [departmentId],
      ),
      rows<RobotRow>(
        this.dataSource,
        `SELECT ${ROBOT_COLUMNS} FROM department_robots WHERE department_id = $1 ORDER BY kind`,
        [departmentId],
      ),
      rows<SubscriptionRow>(
        this.dataSource,
        `SELECT id, channel, levels, families, audience, enabled FROM notification_subscriptions
          WHERE department_id = $1 ORDER BY position`,
        [departmentId],
      ),
    ]);
    return {
      departmentId,
      contacts: contacts.map((row) => ({
        id: row.id,
        role: row.role,
        name: row.name,
        email: row.email,
        mobile: row.mobile,
        actorId: row.actor_id,
      })),
      robots: robots.map(robotFromRow),
      subscriptions: subscriptions.map((row) => ({
        id: row.id,
        channel: row.channel,
        levels: row.levels,
        families: row.families,
        audience: row.audience,
        enabled: row.enabled,
      })),
    };
  }

  async saveSettings(
    departmentId: string,
    input: NotificationSettingsInput,
    actor: Actor,
  ): Promise<NotificationSettings> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM department_contacts WHERE department_id = $1`, [departmentId]);
      await manager.query(`DELETE FROM notification_subscriptions WHERE department_id = $1`, [departmentId]);
      await manager.query(
        `INSERT INTO department_contacts (department_id, position, role, name, email, mobile, actor_id)
         SELECT $1, c.position, c.role, c.name, c.email, c.mobile, c."actorId"
           FROM jsonb_to_recordset($2::jsonb)
             AS c(position int, role text, name text, email text, mobile text, "actorId" text)`,
        [departmentId, JSON.stringify(input.contacts.map((contact, position) => ({ ...contact, position })))],
      );
      await manager.query(
        `INSERT INTO notification_subscriptions (department_id, position, channel, levels, families, audience, enabled)
         SELECT $1, s.position, s.channel,
                ARRAY(SELECT jsonb_array_elements_text(s.levels)),
                ARRAY(SELECT jsonb_array_elements_text(s.families)),
                ARRAY(SELECT jsonb_array_elements_text(s.audience)), s.enabled
           FROM jsonb_to_recordset($2::jsonb)
             AS s(position int, channel text, levels jsonb, families jsonb, audience jsonb, enabled boolean)`,
        [
          departmentId,
          JSON.stringify(input.subscriptions.map((entry, position) => ({ ...entry, position }))),
        ],
      );
      await recordOperatorAction(manager, actor, 'notification-settings.save', `department:${departmentId}`, {
        contacts: input.contacts.map((contact) => ({ role: contact.role, name: contact.name })),
        subscriptions: input.subscriptions,
      });
    });
    return this.settings(departmentId);
  }

  saveRobot(
    departmentId: string,
    kind: RobotKind,
    change: { label: string; url?: string; signSecret?: string | null; enabled: boolean },
    actor: Actor,
  ): Promise<DepartmentRobot | 'needs-url'> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await firstRow<RobotRow>(
        manager,
        `SELECT ${ROBOT_COLUMNS} FROM department_robots WHERE department_id = $1 AND kind = $2 FOR UPDATE`,
        [departmentId, kind],
      );
      if (!existing && change.url === undefined) return 'needs-url';
      const urlSealed =
        change.url !== undefined ? this.box.seal(change.url) : (existing as RobotRow).url_sealed;
      const urlHint = change.url !== undefined ? maskRobotUrl(change.url) : (existing as RobotRow).url_hint;
      const secretSealed =
        change.signSecret === undefined
          ? (existing?.sign_secret_sealed ?? null)
          : this.box.sealOrNull(change.signSecret === '' ? null : change.signSecret);
      const saved = await firstRow<RobotRow>(
        manager,
        `INSERT INTO department_robots (department_id, kind, label, url_sealed, url_hint, sign_secret_sealed, enabled,
                                        updated_by_username)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (department_id, kind) DO UPDATE SET label = EXCLUDED.label, url_sealed = EXCLUDED.url_sealed,
           url_hint = EXCLUDED.url_hint, sign_secret_sealed = EXCLUDED.sign_secret_sealed,
           enabled = EXCLUDED.enabled, updated_by_username = EXCLUDED.updated_by_username, updated_at = now()
         RETURNING ${ROBOT_COLUMNS}`,
        [departmentId, kind, change.label, urlSealed, urlHint, secretSealed, change.enabled, actor.username],
      );
      await recordOperatorAction(manager, actor, 'robot.save', `department:${departmentId}/${kind}`, {
        label: change.label,
        enabled: change.enabled,
        urlChanged: change.url !== undefined,
        secretChanged: change.signSecret !== undefined,
      });
      return robotFromRow(saved as RobotRow);
    });
  }

  deleteRobot(departmentId: string, kind: RobotKind, actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const deleted = await rows<{ kind: string }>(
        manager,
        `DELETE FROM department_robots WHERE department_id = $1 AND kind = $2 RETURNING kind`,
        [departmentId, kind],
      );
      if (deleted.length === 0) return false;
      await recordOperatorAction(manager, actor, 'robot.delete', `department:${departmentId}/${kind}`);
      return true;
    });
  }

  async robotEndpoint(departmentId: string, kind: RobotKind): Promise<RobotEndpoint | null> {
    const row = await firstRow<RobotRow>(
      this.dataSource,
      `SELECT ${ROBOT_COLUMNS} FROM department_robots WHERE department_id = $1 AND kind = $2`,
      [departmentId, kind],
    );
    if (!row) return null;
    return {
      departmentId,
      kind,
      label: row.label,
      url: this.box.open(row.url_sealed),
      signSecret: this.box.openOrNull(row.sign_secret_sealed),
      enabled: row.enabled,
    };
  }

  private async transportRows(): Promise<Map<string, TransportRow>> {
    const found = await rows<TransportRow>(
      this.dataSource,
      `SELECT kind, settings, secret_sealed FROM outbound_transports`,
    );
    return new Map(found.map((row) => [row.kind, row]));
  }

  async transports(publicUrl: string): Promise<TransportsView> {
    const found = await this.transportRows();
    const smtp = found.get('smtp');
    const sms = found.get('sms');
    return {
      publicUrl,
      smtp: smtp
        ? {
            host: String(smtp.settings.host),
            port: Number(smtp.settings.port),
            secure: smtp.settings.secure === true,
            username: (smtp.settings.username as string | null) ?? null,
            hasPassword: smtp.secret_sealed !== null,
            from: String(smtp.settings.from),
          }
        : null,
      sms: sms
        ? {
            url: String(sms.settings.url),
            appKey: String(sms.settings.appKey),
            hasSecret: sms.secret_sealed !== null,
            signName: String(sms.settings.signName),
            bodyTemplate: String(sms.settings.bodyTemplate),
          }
        : null,
    };
  }

  private saveTransport(
    kind: 'smtp' | 'sms',
    settings: Record<string, unknown>,
    secret: string | undefined,
    actor: Actor,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO outbound_transports (kind, settings, secret_sealed, updated_by_username)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind) DO UPDATE SET settings = EXCLUDED.settings,
           secret_sealed = CASE WHEN $5 THEN EXCLUDED.secret_sealed ELSE outbound_transports.secret_sealed END,
           updated_by_username = EXCLUDED.updated_by_username, updated_at = now()`,
        [
          kind,
          JSON.stringify(settings),
          secret === undefined || secret === '' ? null : this.box.seal(secret),
          actor.username,
          secret !== undefined,
        ],
      );
      await recordOperatorAction(manager, actor, `transport.save`, `transport:${kind}`, {
        ...settings,
        secretChanged: secret !== undefined,
      });
    });
  }

  saveSmtp(input: SmtpTransportInput, actor: Actor): Promise<void> {
    const { password, ...settings } = input;
    return this.saveTransport('smtp', settings, password, actor);
  }

  async saveSms(input: SmsTransportInput, actor: Actor): Promise<'needs-secret' | void> {
    const { secret, ...settings } = input;
    if (secret === undefined && !(await this.transportRows()).get('sms')?.secret_sealed)
      return 'needs-secret';
    return this.saveTransport('sms', settings, secret, actor);
  }

  async smtp(): Promise<SmtpSettings | null> {
    const row = (await this.transportRows()).get('smtp');
    if (!row) return null;
    return {
      host: String(row.settings.host),
      port: Number(row.settings.port),
      secure: row.settings.secure === true,
      username: (row.settings.username as string | null) ?? null,
      password: this.box.openOrNull(row.secret_sealed),
      from: String(row.settings.from),
    };
  }

  async smsGateway(): Promise<SmsGatewaySettings | null> {
    const row = (await this.transportRows()).get('sms');
    if (!row || row.secret_sealed === null) return null;
    return {
      url: String(row.settings.url),
      appKey: String(row.settings.appKey),
      secret: this.box.open(row.secret_sealed),
      signName: String(row.settings.signName),
      bodyTemplate: String(row.settings.bodyTemplate),
    };
  }
}
