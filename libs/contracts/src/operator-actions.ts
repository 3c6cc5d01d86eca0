// The operator audit's vocabulary (`operator_audit.action`): every action an operator's change is
// recorded as, with its name in both languages, and the families the audit is narrowed by (the
// part before the first dot). Plain data (no import), so the page imports this file itself.

/** Every action the operator audit records, with what it reads as. */
export const OPERATOR_ACTIONS = {
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User changed' },
  'user.activate': { zh: '启用用户', en: 'User activated' },
  'user.deactivate': { zh: '停用用户', en: 'User deactivated' },
  'user.password-reset': { zh: '重置密码', en: 'Password reset' },
  'catalog.seed': { zh: '初始目录', en: 'Catalogue seeded' },
  'catalog.create': { zh: '目录新版本', en: 'Catalogue version' },
  'webhook.save': { zh: '保存回调', en: 'Webhook saved' },
  'webhook.delete': { zh: '删除回调', en: 'Webhook removed' },
  'webhook.requeue': { zh: '重投回调', en: 'Webhook delivery requeued' },
  'silence.create': { zh: '新建静默', en: 'Silence created' },
  'silence.expire': { zh: '提前结束静默', en: 'Silence ended early' },
  'replay.run': { zh: '发起回放', en: 'Replay started' },
  'replay.cancel': { zh: '取消回放', en: 'Replay cancelled' },
  'replay.export': { zh: '导出回放差异', en: 'Replay differences exported' },
  'case.timeline.export': { zh: '导出办件时间线', en: 'Case timeline exported' },
  'audit.export': { zh: '导出操作审计', en: 'Operator audit exported' },
  'evaluation-export': { zh: '导出绩效报告', en: 'Evaluation exported' },
  'notification-settings.save': { zh: '保存部门通知设置', en: 'Notification settings saved' },
  'robot.save': { zh: '保存群机器人', en: 'Group robot saved' },
  'robot.delete': { zh: '删除群机器人', en: 'Group robot removed' },
  'transport.save': { zh: '保存邮件/短信通道', en: 'Mail or SMS transport saved' },
  'notice.issue': { zh: '出具监察文书', en: 'Notice issued' },
  'notice.download': { zh: '下载监察文书', en: 'Notice downloaded' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type OperatorAction = keyof typeof OPERATOR_ACTIONS;

/** An action's family: `user` of `user.create`, the action itself when it has no dot. */
export type OperatorActionFamily = OperatorAction extends infer A
  ? A extends `${infer F}.${string}`
    ? F
    : A
  : never;

/** Every family, with what it reads as: the audit's filter offers these. */
export const OPERATOR_ACTION_FAMILIES: Record<OperatorActionFamily, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'Users' },
  catalog: { zh: '事项目录', en: 'Catalogue' },
  webhook: { zh: '回调', en: 'Webhooks' },
  silence: { zh: '静默', en: 'Silences' },
  replay: { zh: '审计回放', en: 'Replays' },
  case: { zh: '办件', en: 'Cases' },
  audit: { zh: '操作审计', en: 'Operator audit' },
  'evaluation-export': { zh: '绩效报告', en: 'Evaluation' },
  'notification-settings': { zh: '部门通知设置', en: 'Notification settings' },
  robot: { zh: '群机器人', en: 'Group robots' },
  transport: { zh: '邮件/短信通道', en: 'Mail and SMS transports' },
  notice: { zh: '监察文书', en: 'Notices' },
};

/** True for an action the audit records, or one of their families. */
export function isOperatorActionFilter(value: string): boolean {
  return Object.hasOwn(OPERATOR_ACTIONS, value) || Object.hasOwn(OPERATOR_ACTION_FAMILIES, value);
}
