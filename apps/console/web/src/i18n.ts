// Chinese by default, English on a toggle. Every visible word of the page comes from here.
import type {
  Bilingual,
  WallChangeKind,
  WallLevel,
  WallLifecycleStatus,
  WallResponseKind,
  WallRole,
  WallStage,
  WallReference,
  WallVerdict,
} from '../../../../libs/contracts/src/wall-protocol';

export type Language = 'zh' | 'en';

/** The scheme's numbers the scoring rules are written with. */
export interface SchemeTexts {
  base: number;
  warningEvery: number;
  warningPoints: number;
  yellow: number;
  red: number;
  dataPerSignal: number;
  dataMax: number;
  latePerNotice: number;
  lateMax: number;
  bonusMax: number;
  excellent: number;
  good: number;
  pass: number;
  redBlocks: boolean;
}

const zh = {
  title: '电子监察 · 实时监控大屏',
  subtitle: '行政审批 · 行政处罚 · 行政事业性收费',
  live: '实时连接',
  connecting: '连接中…',
  reconnecting: '连接断开，正在重连…',
  catchingUp: '正在补齐断线期间的信号…',
  language: 'English',
  soundOn: '声音：开',
  soundOff: '声音：关',
  logout: '退出',
  loginTitle: '电子监察 · 登录',
  loginHint: '监察人员、部门经办人、审计人员使用统一账号登录',
  username: '用户名',
  password: '密码',
  login: '登录',
  loginFailed: '用户名或密码错误',
  noWorkspace: '当前角色没有可用的工作台',
  notYourWorkspace: '当前角色无权打开此工作台',
  casesInProgress: '在办件',
  dueToday: '今日到期',
  overdueCases: '超期办件',
  openRed: '红牌（未销号）',
  openYellow: '黄牌（未销号）',
  openWarning: '预警（未销号）',
  overdueAnswers: '超期未答复',
  onTimeToday: '今日按时办结率',
  onTimeMonth: '本月按时办结率',
  completedOf: (onTime: number, completed: number) => `${onTime} / ${completed} 件`,
  noCompletions: '暂无办结',
  stream: '实时信号流（最新在前）',
  streamEmpty: '暂无信号',
  board: '部门信号排行',
  boardHint: '按红牌、黄牌、超期未答复、超期办件排序',
  hourly: '近 24 小时信号数（按小时）',
  familiesChart: '未销号信号（按规则族）',
  rank: '排名',
  department: '部门',
  inProgress: '在办',
  overdueShort: '超期',
  allDepartments: '全部部门',
  allLevels: '全部等级',
  allStages: '全部阶段',
  allRules: '全部规则',
  clearFilters: '清除筛选',
  filters: '筛选',
  caseTitle: '办件',
  close: '关闭',
  item: '事项',
  phase: '状态',
  acceptedAt: '受理时间',
  promisedDeadline: '承诺时限',
  legalDeadline: '法定时限',
  responseDue: '督办期限',
  acceptanceDue: '受理期限',
  redDeadline: '红牌时限',
  stepDue: (step: string) => `环节 ${step} 时限`,
  suspendedUntil: '挂起最长至',
  clockStopped: '计时停止',
  lastEvent: '最近事件',
  signals: '信号',
  timeline: '办件时间线',
  events: '事件',
  deadlinePassed: '已过期',
  deadlineAhead: '未到期',
  superseded: '已升级，随上级信号处理',
  readOnly: '只读：当前角色不能处理信号',
  acknowledge: '签收',
  respond: '答复',
  returnAnswer: '退回',
  closeSignal: '销号',
  confirmViolation: '确认违规并销号',
  responseKind: '答复类型',
  verdict: '结论',
  text: '说明',
  textRequired: '请填写说明',
  urge: '催办',
  urgeNote: '催办意见（必填），如：请于今日内签收并答复',
  urgedTimes: (n: number) => `催办 ×${n}`,
  violationNote: '认定意见（必填）：违规事实与依据',
  violationNoteRequired: '确认违规并销号须填写认定意见',
  confirmViolationTitle: '确认违规并销号？',
  confirmViolationBody: (caseId: string, rule: string) =>
    `办件 ${caseId} 的“${rule}”将认定为违规并销号，计入部门绩效，销号后不能撤回。`,
  confirmViolationYes: '确认违规并销号',
  note: (text: string) => `认定意见：${text}`,
  silencedMark: '静默',
  silencedTitle: (reason: string, until: string, by: string) =>
    `静默中：${reason}（至 ${until}，${by} 设置）`,
  submit: '提交',
  cancel: '取消',
  actionFailed: '操作未成功：',
  done: '已提交',
  loading: '加载中…',
  byActor: (who: string) => `（${who}）`,
  overdueFlag: '超期未答复',
  rankValue: (n: number) => `第 ${n} 名`,
  notAvailable: '—',
  reason: '原因',
  answer: '答复内容',
  raised: '产生信号',
  evaluation: {
    boardSignals: '信号排行',
    boardScores: '绩效排名',
    boardScoresHint: (period: string) => `${period} 月度考核（截至当前，实时计算）`,
    openReport: '绩效报告',
    reportTitle: '行政效能绩效评估报告',
    month: '月度',
    quarter: '季度',
    periodLabel: (label: string) => {
      const quarter = /^(\d{4})-Q(\d)$/.exec(label);
      if (quarter) return `${quarter[1]}年第${'一二三四'[Number(quarter[2]) - 1]}季度`;
      const [year, month] = label.split('-');
      return `${year}年${Number(month)}月`;
    },
    running: '（本期尚未结束，数据实时更新）',
    meta: (scheme: string, at: string) => `考核方案：${scheme}\u3000生成时间：${at}`,
    scheme: '考核方案',
    exportCsv: '导出 CSV',
    print: '打印 / 导出 PDF',
    departmentsRanked: '参评部门',
    averageScore: '平均得分',
    gradeCounts: '等级分布',
    onTimeRate: '按时办结率',
    earlyRate: '提前办结率',
    completed: '办结件数',
    averageDaysUsed: '平均用时（工作日）',
    responseTimeliness: '督办回复及时率',
    dataTimeliness: '数据报送及时率',
    score: '得分',
    grade: '等级',
    deductionsTotal: '扣分',
    bonusesTotal: '加分',
    standingSignals: '信号（扣分）',
    scoresChart: '部门得分',
    signalsChart: '各部门信号（已扣除理由正当销号）',
    ratesChart: '按时办结率与提前办结率',
    ranking: '部门排名',
    details: '得分明细',
    lines: '考核项目',
    basis: '依据',
    points: '分值',
    items: '事项指标',
    itemCode: '事项编码',
    itemName: '事项名称',
    limits: '承诺 / 法定时限',
    monthScores: '各月得分',
    rules: '计分规则',
    capped: '有红牌未销号，不得评为优秀',
    selectDepartment: '点击部门查看得分明细与事项指标',
    notices: (timely: number, late: number, pending: number) =>
      `按期 ${timely} · 逾期 ${late} · 待复 ${pending}`,
    rankOf: (rank: number, of: number) => `第 ${rank} 名 / 共 ${of} 个部门`,
    dataFacts: (events: number, late: number, sequence: number) =>
      `事件 ${events} 条 · 迟报 ${late} · 时序异常 ${sequence}`,
    grades: { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as Record<string, string>,
    lineNames: {
      warning: '预警（每累计 n 次扣分）',
      yellow: '黄牌',
      red: '红牌',
      data_quality: '数据质量（迟报、时序异常）',
      late_response: '督办逾期回复',
      early_completion: '提前办结率',
      promised_compression: '承诺时限压缩率',
    } as Record<string, string>,
    schemeRules: (s: SchemeTexts) => [
      `基础分 ${s.base} 分/月；季度得分为三个月得分的平均值`,
      `预警每累计 ${s.warningEvery} 次扣 ${s.warningPoints} 分；黄牌每张扣 ${s.yellow} 分；红牌每张扣 ${s.red} 分；经销号认定“理由成立”的信号不扣分`,
      `数据质量信号每条扣 ${s.dataPerSignal} 分（每月最多 ${s.dataMax} 分）；督办逾期回复每件扣 ${s.latePerNotice} 分（每月最多 ${s.lateMax} 分）`,
      `提前办结率、承诺时限压缩率按档加分，每月加分合计不超过 ${s.bonusMax} 分`,
      `优秀 ≥ ${s.excellent}，良好 ≥ ${s.good}，合格 ≥ ${s.pass}，其余为不合格${s.redBlocks ? '；有红牌未销号的部门不得评为优秀' : ''}`,
    ],
  },
  levels: { red: '红牌', yellow: '黄牌', warning: '预警' } satisfies Record<WallLevel, string>,
  stages: { before: '事前', during: '事中', after: '事后', data: '数据质量' } satisfies Record<
    WallStage,
    string
  >,
  statuses: {
    open: '待签收',
    acknowledged: '已签收',
    responded: '已答复',
    closed: '已销号',
    retracted: '已撤销',
  } satisfies Record<WallLifecycleStatus, string>,
  responseKinds: { explanation: '情况说明', correction: '整改' } satisfies Record<WallResponseKind, string>,
  verdicts: {
    justified: '理由成立',
    corrected: '已整改',
    violation_confirmed: '确认违规',
  } satisfies Record<WallVerdict, string>,
  roles: {
    supervisor: '监察人员',
    department_officer: '部门经办人',
    auditor: '审计人员',
    administrator: '系统管理员',
  } satisfies Record<WallRole, string>,
  changeKinds: {
    raised: '新信号',
    retracted: '已撤销',
    corrected: '已更正',
    escalated: '已升级',
    acknowledged: '已签收',
    responded: '已答复',
    closed: '已销号',
    overdue: '超期未答复',
    returned: '已退回',
    reinstated: '已恢复',
    urged: '已催办',
  } satisfies Record<WallChangeKind, string>,
  transitions: {
    raise: '登记信号',
    acknowledge: '签收',
    respond: '答复',
    return: '退回',
    close: '销号',
    'close-with-escalation': '随上级信号销号',
    retract: '撤销',
    escalate: '升级',
    reinstate: '恢复',
    'flag-overdue': '标记超期',
    urge: '催办',
    attach: '上传附件',
  } as Record<string, string>,
  phases: {
    new: '新建',
    submitted: '已申请',
    running: '办理中',
    completed: '已办结',
    refused: '不予受理',
    decided: '已决定',
  } as Record<string, string>,
  eventTypes: {
    'case.submitted': '提交申请',
    'case.supplement_requested': '补正告知',
    'case.supplemented': '补正材料',
    'case.accepted': '受理',
    'case.refused': '不予受理',
    'step.started': '环节开始',
    'step.completed': '环节完成',
    'case.suspended': '挂起（特别程序）',
    'case.resumed': '恢复计时',
    'case.extended': '延期',
    'case.completed': '办结',
    'case.delivered': '送达',
    'case.evaluated': '评价',
    'fee.assessed': '核定收费',
    'fee.paid': '缴费',
    'penalty.filed': '立案',
    'penalty.proposed': '拟处罚',
    'penalty.hearing_notified': '听证告知',
    'penalty.decided': '处罚决定',
    'penalty.paid': '缴纳罚款',
  } as Record<string, string>,
};

export type Texts = typeof zh;

const en: Texts = {
  title: 'E-Supervision · Live Alarm Wall',
  subtitle: 'Licensing · Penalties · Administrative fees',
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Disconnected, reconnecting…',
  catchingUp: 'Catching up on missed signals…',
  language: '中文',
  soundOn: 'Sound: on',
  soundOff: 'Sound: off',
  logout: 'Log out',
  loginTitle: 'E-Supervision · Log in',
  loginHint: 'Supervision staff, department officers and auditors log in here',
  username: 'Username',
  password: 'Password',
  login: 'Log in',
  loginFailed: 'Wrong username or password',
  noWorkspace: 'This role has no workspace',
  notYourWorkspace: 'Your role may not open this workspace',
  casesInProgress: 'Cases in progress',
  dueToday: 'Due today',
  overdueCases: 'Overdue cases',
  openRed: 'Open red',
  openYellow: 'Open yellow',
  openWarning: 'Open warnings',
  overdueAnswers: 'Answers overdue',
  onTimeToday: 'On time today',
  onTimeMonth: 'On time this month',
  completedOf: (onTime: number, completed: number) => `${onTime} of ${completed} cases`,
  noCompletions: 'none completed',
  stream: 'Live signals (newest first)',
  streamEmpty: 'No signals',
  board: 'Departments by signals',
  boardHint: 'Ranked by open red, yellow, answers overdue, cases overdue',
  hourly: 'Signals per hour, last 24 hours',
  familiesChart: 'Open signals by rule family',
  rank: 'Rank',
  department: 'Department',
  inProgress: 'In progress',
  overdueShort: 'Overdue',
  allDepartments: 'All departments',
  allLevels: 'All levels',
  allStages: 'All stages',
  allRules: 'All rules',
  clearFilters: 'Clear filters',
  filters: 'Filters',
  caseTitle: 'Case',
  close: 'Close',
  item: 'Item',
  phase: 'Phase',
  acceptedAt: 'Accepted',
  promisedDeadline: 'Promised limit',
  legalDeadline: 'Legal limit',
  responseDue: 'Answer due',
  acceptanceDue: 'Acceptance due',
  redDeadline: 'Red limit',
  stepDue: (step: string) => `Step ${step} due`,
  suspendedUntil: 'Suspended at most until',
  clockStopped: 'Clock stopped',
  lastEvent: 'Last event',
  signals: 'Signals',
  timeline: 'Case timeline',
  events: 'Events',
  deadlinePassed: 'passed',
  deadlineAhead: 'ahead',
  superseded: 'Superseded: handled with the higher signal',
  readOnly: 'Read only: your role does not act on signals',
  acknowledge: 'Acknowledge',
  respond: 'Answer',
  returnAnswer: 'Return',
  closeSignal: 'Close',
  confirmViolation: 'Confirm violation and close',
  responseKind: 'Answer kind',
  verdict: 'Verdict',
  text: 'Text',
  textRequired: 'Please write the text',
  urge: 'Urge (催办)',
  urgeNote: 'What the department must do (required), e.g. acknowledge and answer today',
  urgedTimes: (n: number) => `Urged ×${n}`,
  violationNote: 'Finding (required): what was violated, on what grounds',
  violationNoteRequired: 'Confirming a violation needs a finding',
  confirmViolationTitle: 'Confirm the violation and close?',
  confirmViolationBody: (caseId: string, rule: string) =>
    `“${rule}” of case ${caseId} will be closed as a confirmed violation and count against the department; this cannot be undone.`,
  confirmViolationYes: 'Confirm violation and close',
  note: (text: string) => `Finding: ${text}`,
  silencedMark: 'Silenced',
  silencedTitle: (reason: string, until: string, by: string) =>
    `Silenced: ${reason} (until ${until}, by ${by})`,
  submit: 'Submit',
  cancel: 'Cancel',
  actionFailed: 'Not done: ',
  done: 'Done',
  loading: 'Loading…',
  byActor: (who: string) => ` (${who})`,
  overdueFlag: 'answer overdue',
  rankValue: (n: number) => `#${n}`,
  notAvailable: '—',
  reason: 'Reason',
  answer: 'Answer',
  raised: 'Signal raised',
  evaluation: {
    boardSignals: 'Signals',
    boardScores: 'Scores',
    boardScoresHint: (period: string) => `${period} monthly assessment (so far, live)`,
    openReport: 'Evaluation report',
    reportTitle: 'Administrative efficiency evaluation report',
    month: 'Month',
    quarter: 'Quarter',
    periodLabel: (label: string) => {
      const quarter = /^(\d{4})-Q(\d)$/.exec(label);
      if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
      const [year, month] = label.split('-');
      return `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(month) - 1]} ${year}`;
    },
    running: ' (period still running: figures update live)',
    meta: (scheme: string, at: string) => `Scheme: ${scheme} · Generated: ${at}`,
    scheme: 'Scheme',
    exportCsv: 'Export CSV',
    print: 'Print / PDF',
    departmentsRanked: 'Departments',
    averageScore: 'Average score',
    gradeCounts: 'Grades',
    onTimeRate: 'On-time rate',
    earlyRate: 'Early-completion rate',
    completed: 'Completed',
    averageDaysUsed: 'Average days used',
    responseTimeliness: 'Notices answered in time',
    dataTimeliness: 'Data reported in time',
    score: 'Score',
    grade: 'Grade',
    deductionsTotal: 'Deducted',
    bonusesTotal: 'Bonus',
    standingSignals: 'Signals (deducted)',
    scoresChart: 'Scores by department',
    signalsChart: 'Signals by department (justified closures excluded)',
    ratesChart: 'On-time and early-completion rates',
    ranking: 'Ranking',
    details: 'Scorecard',
    lines: 'Line',
    basis: 'Basis',
    points: 'Points',
    items: 'Items',
    itemCode: 'Item code',
    itemName: 'Item',
    limits: 'Promised / legal limit',
    monthScores: 'Monthly scores',
    rules: 'Scoring rules',
    capped: 'a standing red card keeps the grade below excellent',
    selectDepartment: 'Click a department for its scorecard and items',
    notices: (timely: number, late: number, pending: number) =>
      `in time ${timely} · late ${late} · pending ${pending}`,
    rankOf: (rank: number, of: number) => `rank ${rank} of ${of} departments`,
    dataFacts: (events: number, late: number, sequence: number) =>
      `${events} events · ${late} late · ${sequence} out of sequence`,
    grades: { excellent: 'Excellent', good: 'Good', pass: 'Pass', fail: 'Fail' } as Record<string, string>,
    lineNames: {
      warning: 'Warnings (per group)',
      yellow: 'Yellow cards',
      red: 'Red cards',
      data_quality: 'Data quality (late, out of sequence)',
      late_response: 'Notices answered late',
      early_completion: 'Early-completion rate',
      promised_compression: 'Promised-limit compression',
    } as Record<string, string>,
    schemeRules: (s: SchemeTexts) => [
      `Base ${s.base} points a month; a quarter scores the mean of its three months`,
      `Every ${s.warningEvery} warnings −${s.warningPoints}; each yellow −${s.yellow}; each red −${s.red}; a signal closed as justified costs nothing`,
      `Each data-quality signal −${s.dataPerSignal} (at most ${s.dataMax} a month); each notice answered late −${s.latePerNotice} (at most ${s.lateMax})`,
      `Bonuses by early-completion rate and promised-limit compression, at most ${s.bonusMax} a month`,
      `Excellent ≥ ${s.excellent}, good ≥ ${s.good}, pass ≥ ${s.pass}, else fail${s.redBlocks ? '; a standing red card rules out excellent' : ''}`,
    ],
  },
  levels: { red: 'Red', yellow: 'Yellow', warning: 'Warning' },
  stages: { before: 'Before', during: 'During', after: 'After', data: 'Data quality' },
  statuses: {
    open: 'Open',
    acknowledged: 'Acknowledged',
    responded: 'Answered',
    closed: 'Closed',
    retracted: 'Retracted',
  },
  responseKinds: { explanation: 'Explanation', correction: 'Correction' },
  verdicts: { justified: 'Justified', corrected: 'Corrected', violation_confirmed: 'Violation confirmed' },
  roles: {
    supervisor: 'Supervisor',
    department_officer: 'Department officer',
    auditor: 'Auditor',
    administrator: 'Administrator',
  },
  changeKinds: {
    raised: 'raised',
    retracted: 'retracted',
    corrected: 'corrected',
    escalated: 'escalated',
    acknowledged: 'acknowledged',
    responded: 'answered',
    closed: 'closed',
    overdue: 'answer overdue',
    returned: 'returned',
    reinstated: 'reinstated',
    urged: 'urged',
  },
  transitions: {
    raise: 'Registered',
    acknowledge: 'Acknowledged',
    respond: 'Answered',
    return: 'Returned',
    close: 'Closed',
    'close-with-escalation': 'Closed with the higher signal',
    retract: 'Retracted',
    escalate: 'Superseded',
    reinstate: 'Reinstated',
    'flag-overdue': 'Flagged overdue',
    urge: 'Urged (催办)',
    attach: 'Attachment added',
  },
  phases: {
    new: 'New',
    submitted: 'Submitted',
    running: 'In progress',
    completed: 'Completed',
    refused: 'Refused',
    decided: 'Decided',
  },
  eventTypes: {
    'case.submitted': 'Submitted',
    'case.supplement_requested': 'Supplement requested',
    'case.supplemented': 'Supplemented',
    'case.accepted': 'Accepted',
    'case.refused': 'Refused',
    'step.started': 'Step started',
    'step.completed': 'Step completed',
    'case.suspended': 'Suspended',
    'case.resumed': 'Resumed',
    'case.extended': 'Extended',
    'case.completed': 'Completed',
    'case.delivered': 'Delivered',
    'case.evaluated': 'Evaluated',
    'fee.assessed': 'Fee assessed',
    'fee.paid': 'Fee paid',
    'penalty.filed': 'Penalty case filed',
    'penalty.proposed': 'Penalty proposed',
    'penalty.hearing_notified': 'Hearing notice',
    'penalty.decided': 'Penalty decided',
    'penalty.paid': 'Fine paid',
  },
};

const dictionaries: Record<Language, Texts> = { zh, en };
const STORAGE_KEY = 'jiancha.language';

let current: Language =
  typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  document.title = dictionaries[next].title;
}

/** The texts of the current language. */
export function t(): Texts {
  return dictionaries[current];
}

/** Rule and family names come from the rules' own files, through `GET /api/wall/reference`. */
const titles = new Map<string, Bilingual>();

const descriptions = new Map<string, Bilingual>();

/** Takes the rules' and families' names from the reference data (before anything is drawn). */
export function learnTitles(reference: Pick<WallReference, 'rules' | 'families'>): void {
  for (const { id, title } of [...reference.rules, ...reference.families]) titles.set(id, title);
  for (const { id, description } of reference.rules) descriptions.set(id, description);
}

/** What a rule checks, in the current language (empty when the rule is not known). */
export function ruleDescription(ruleId: string): string {
  return descriptions.get(ruleId)?.[current] ?? '';
}

export function ruleName(ruleId: string): string {
  return titles.get(ruleId)?.[current] ?? ruleId;
}

export function familyName(family: string): string {
  return ruleName(family);
}

/** A department's names: the catalogue's `name`, and its English `nameEn` when it has one. */
export interface DepartmentNames {
  name: string;
  nameEn?: string | null;
}

/** Department names by id, from the reference data (`learnDepartments`). */
const departmentNames = new Map<string, DepartmentNames>();

/** Takes the departments' names from the reference data, so that `departmentName` knows them. */
export function learnDepartments(departments: readonly (DepartmentNames & { id: string })[]): void {
  for (const { id, name, nameEn } of departments) departmentNames.set(id, { name, nameEn });
}

/** A department's name in the current language: `nameEn` in English when there is one, else `name`. */
export function departmentLabel(department: DepartmentNames): string {
  return current === 'en' && department.nameEn ? department.nameEn : department.name;
}

/**
 * The name of a department by id, in the current language, once learned; until then `fallback`
 * (a name the server gave, e.g. a board row's) or the id itself.
 */
export function departmentName(id: string, fallback: string = id): string {
  const known = departmentNames.get(id);
  return known ? departmentLabel(known) : fallback;
}

/**
 * A page's own texts, Chinese and English side by side (`en` must have every key of `zh`); the
 * returned function gives those of the current language.
 */
export function bilingual<T>(texts: { zh: T; en: NoInfer<T> }): () => T {
  return () => texts[current];
}

/** An aside in the current language's punctuation: `（…）` after Chinese, ` (…)` in English. */
export function aside(text: string): string {
  return current === 'zh' ? `（${text}）` : ` (${text})`;
}

/** A label and its value in the current language's punctuation: `标签：值`, `Label: value`. */
export function labelled(label: string, value: string): string {
  return current === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}
