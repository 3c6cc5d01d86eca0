// What the outbound messages say (ADR 14), in Chinese: one content per message, rendered once into
// a subject, a markdown text (robots; the email's text part), an HTML body and a short SMS text.
import { levelName, LEVELS } from '@app/contracts';
import type { DigestEntry, OutboundContent } from '@app/persistence';

const KIND_NAMES: Record<string, string> = {
  raised: '新发',
  escalated: '升级',
  reinstated: '恢复',
  urged: '催办',
};

/** What a message needs to know besides its facts. */
export interface ContentContext {
  departmentName: string;
  /** The wall's address, for links. */
  publicUrl: string;
  /** YYYY-MM-DD HH:mm in the office's zone. */
  formatInstant: (iso: string) => string;
  ruleTitle: (ruleId: string) => string;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** The wall filtered on the department (and level), with the case's panel open when one is named. */
function wallLink(context: ContentContext, departmentId: string, level?: string, caseId?: string): string {
  const query = new URLSearchParams({
    dept: departmentId,
    ...(level ? { level } : {}),
    ...(caseId ? { case: caseId } : {}),
  });
  return `${context.publicUrl.replace(/\/$/, '')}/#wall?${query.toString()}`;
}

/** Builds the four forms from a title, lines of markdown-free text, and a link. */
function content(subject: string, lines: string[], link: string | null, short: string): OutboundContent {
  const text = [
    `**${subject}**`,
    '',
    ...lines.map((line) => `- ${line}`),
    ...(link ? ['', `[在监控大屏查看](${link})`] : []),
  ].join('\n');
  const html = [
    `<h3 style="color:#b71c1c">${escapeHtml(subject)}</h3>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    link ? `<p><a href="${escapeHtml(link)}">在监控大屏查看</a></p>` : '',
    '<p style="color:#666;font-size:12px">本邮件由电子监察平台自动发送，请勿直接回复。</p>',
  ].join('');
  return { subject, text, html, short };
}

function entryLine(entry: DigestEntry, context: ContentContext): string {
  const due = entry.responseDueAt
    ? `，请于 ${context.formatInstant(entry.responseDueAt).slice(0, 10)} 前答复`
    : '';
  return `【${levelName(entry.level)}·${KIND_NAMES[entry.kind] ?? entry.kind}】${context.ruleTitle(entry.ruleId)}：${entry.message}（办件 ${entry.caseId}${due}）`;
}

/** Highest first. */
const LEVEL_ORDER: readonly string[] = [...LEVELS].reverse();

/** A digest's changes for one channel and person: the highest level first. */
export function digestContent(
  departmentId: string,
  entries: readonly DigestEntry[],
  context: ContentContext,
): OutboundContent {
  const sorted = [...entries].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
  const counts = LEVEL_ORDER.filter((level) => sorted.some((entry) => entry.level === level)).map(
    (level) => `${levelName(level)} ${sorted.filter((entry) => entry.level === level).length}`,
  );
  const subject = `【电子监察】${context.departmentName}：${entries.length} 条监察信号（${counts.join('，')}）`;
  const top = sorted[0] as DigestEntry;
  const short =
    entries.length === 1
      ? `${context.departmentName}${levelName(top.level)}：${context.ruleTitle(top.ruleId)}，办件${top.caseId}，请及时签收处理`
      : `${context.departmentName}新增监察信号${entries.length}条（${counts.join('，')}），请登录电子监察平台处理`;
  return content(
    subject,
    sorted.map((entry) => entryLine(entry, context)),
    // one case: its panel opens; several: the wall filtered on the department and the top level
    wallLink(
      context,
      departmentId,
      top.level,
      new Set(entries.map((entry) => entry.caseId)).size === 1 ? top.caseId : undefined,
    ),
    short,
  );
}

/** TIME_WARNING to the case's handler: the working day before the promised deadline. */
export function reminderContent(
  departmentId: string,
  entry: DigestEntry,
  handlerName: string,
  context: ContentContext,
): OutboundContent {
  const subject = `【到期提醒】办件 ${entry.caseId} 即将到达承诺办结时限`;
  return content(
    subject,
    [`${handlerName}：${entry.message}`, `事项 ${entry.itemCode}，部门 ${context.departmentName}`],
    wallLink(context, departmentId, undefined, entry.caseId),
    `${handlerName}您好，办件${entry.caseId}即将到达承诺办结时限，请抓紧办理`,
  );
}

/** What an escalation step is about: an unanswered 督办 notice. */
export interface EscalatedSignal {
  alertKey: string;
  caseId: string;
  departmentId: string;
  ruleId: string;
  level: string;
  message: string;
  responseDueAt: string;
}

/** Step 1: re-sent to the department's head; step 2: 升级督办 to the supervision office. */
export function escalationContent(
  step: 'head' | 'office',
  signal: EscalatedSignal,
  context: ContentContext,
): OutboundContent {
  const level = levelName(signal.level);
  const due = context.formatInstant(signal.responseDueAt).slice(0, 10);
  const subject =
    step === 'head'
      ? `【督办重发】${context.departmentName}${level}督办逾期未答复（办件 ${signal.caseId}）`
      : `【升级督办】${context.departmentName}${level}督办经重发仍未答复（办件 ${signal.caseId}）`;
  const lines = [
    `${context.ruleTitle(signal.ruleId)}：${signal.message}`,
    `督办答复期限 ${due} 已过，部门尚未答复`,
    step === 'head'
      ? '现重发至部门负责人，请督促立即签收并答复'
      : '已重发部门负责人仍未答复，现提请监察室升级督办',
  ];
  const short =
    step === 'head'
      ? `${context.departmentName}${level}督办（办件${signal.caseId}）已逾期${due}未答复，请负责人督促处理`
      : `升级督办：${context.departmentName}${level}督办（办件${signal.caseId}）经重发仍未答复`;
  return content(subject, lines, wallLink(context, signal.departmentId, signal.level, signal.caseId), short);
}

/** The working morning's summary of what quiet hours held for one person and channel. */
export function morningDigestContent(
  held: readonly { subject: string; level: string | null }[],
): OutboundContent {
  const red = held.filter((message) => message.level === 'red').length;
  const subject = `【电子监察】非工作时间汇总：${held.length} 条通知${red > 0 ? `（含红牌 ${red}）` : ''}`;
  return content(
    subject,
    held.map((message) => message.subject),
    null,
    `非工作时间共有${held.length}条监察通知，请登录电子监察平台查看`,
  );
}

/** "Send a test" from the settings page. */
export function testContent(
  channelName: string,
  context: ContentContext,
  requestedBy: string,
): OutboundContent {
  const subject = `【电子监察】${channelName}测试消息`;
  return content(
    subject,
    [`${context.departmentName}的${channelName}已接通电子监察平台`, `由 ${requestedBy} 发起测试`],
    null,
    `${context.departmentName}${channelName}测试消息，收到即表示接通`,
  );
}
