// zh-CN first, English on the switch. The choice (not personal data) is kept in
// localStorage. t('key', {n: 3}) fills {n}; a missing English text falls back to Chinese.
const zh = {
  app_title: '健康会员 · 前台', lang_switch: 'English', logout: '退出登录',
  login_title: '员工登录', username: '用户名', password: '密码', login: '登录',
  session_expired: '登录已过期，请重新登录。', logged_out: '已退出登录。', core_loading: '正在加载计算核心…',
  core_ready: '计算核心已就绪', core_failed: '计算核心加载失败：{m}',
  nav_lookup: '会员查询', nav_appointments: '今日预约', nav_visit: '新建就诊', nav_refund: '退款', nav_coupons: '核销优惠券',
  nav_rules: '积分规则', nav_report: '日报', nav_staff: '员工账号', nav_audit: '审计日志', nav_engagement: '消息与留存',
  lookup_label: '扫描会员码或输入手机号', lookup_hint: '扫码枪输入后自动回车；手机号请输入 11 位。', search: '查询',
  no_member: '没有找到会员。', pick_member: '找到多位会员，请选择：', member_card: '会员卡',
  name: '姓名', phone: '手机', tier: '等级', available: '可用积分', pending: '待入账积分', expiring: '{d} 天内到期',
  coupons: '优惠券', no_coupons: '没有可用优惠券', invite: '邀请', invited_first: '受邀新会员：首次付费就诊享新人优惠',
  invited_done: '受邀会员（已完成首次付费就诊）', not_invited: '非受邀会员', today_appt: '今日预约', no_appt: '今日无预约',
  recent_visits: '最近就诊', no_visits: '暂无就诊记录', new_visit: '新建就诊 (F4)', credit: '账户余额',
  time: '时间', member: '会员', doctor: '医生', status: '状态', actions: '操作', check_in: '签到', no_show: '未到',
  st_booked: '已预约', st_checked_in: '已签到', st_no_show: '未到', st_cancelled: '已取消',
  st_confirmed: '已确认', st_issued: '可用', st_used: '已使用', st_refunded: '已退款', checked_in_ok: '已签到。', no_show_ok: '已标记未到。', no_appointments: '今日没有预约。',
  date: '日期', reload: '刷新',
  need_member: '请先查询会员。', catalogue: '项目目录', rx: '处方药', rx_note: '处方药不积分、不打折、无返利',
  qty: '数量', price: '单价', preview: '实时预览（浏览器内 core.wasm 计算）', total: '合计', discount: '优惠', payable: '应付',
  eligible: '可积分金额', points_to_earn: '预计积分', rebate: '邀请人返利', rebate_none: '无', rebate_points: '{n} 积分', pending_until: '{d} 后入账',
  line: '项目', line_total: '小计', computed_in: '计算用时 {ms} ms', confirm_visit: '确认已付款并提交 (Ctrl+Enter)',
  empty_cart: '请选择项目。', confirmed: '服务器已确认就诊 #{id}。', server_result: '服务器结果', preview_result: '预览',
  match: '预览与服务器结果一致。', mismatch: '预览与服务器结果不一致，以服务器为准：', field: '项目', visit_id: '就诊号',
  refund_title: '退款', refund: '退款', refund_confirm: '确认退款就诊 #{id}？将冲回积分、优惠券和邀请返利。', refund_yes: '确认退款', cancel: '取消',
  refunded: '就诊 #{id} 已退款。', points_reversed: '冲回积分', coupon_code: '优惠券码', verify: '验证', consume: '核销',
  coupon_valid: '有效，可抵扣 {d}', coupon_invalid: '不可用：{r}', coupon_consumed: '优惠券 {c} 已核销。', benefit: '优惠内容',
  valid_to: '有效期至',
  versions: '规则版本', version: '版本', label: '标签', active: '当前生效', created: '上传时间', open: '打开', activate: '设为生效',
  activated: '版本 {v} 已生效。', editor: '规则 JSON 编辑器', validate: '检查 (浏览器)', upload: '上传为新版本', simulate: '模拟',
  days: '天数', valid_doc: '文档有效：{s} v{v}', invalid_doc: '错误位置 {p}：{m}', uploaded: '已上传版本 {v}（未生效）。',
  sim_title: '模拟结果（近 {d} 天，当前生效版本 {v}）', members_changed: '受影响会员 {c} / {t}', events: '事件数', current: '当前规则', candidate: '新规则', diff: '差额',
  totals: '合计', budget: '预算使用', campaign: '活动', no_changes: '没有会员受影响。', json_error: 'JSON 语法错误：{m}',
  report_title: '日报', visits: '就诊', refunds: '退款', payable_total: '实收', points_issued: '发放积分', points_redeemed: '兑换积分',
  points_reversed_r: '冲回积分', points_expired: '过期积分', conversions: '邀请转化', rebate_fen: '返利金额', checkins: '签到', coupons_redeemed: '兑换券', coupons_used: '核销券',
  chart_title: '近 7 天实收', staff_title: '员工账号', role: '角色', display_name: '显示名', disabled: '已停用', create_staff: '新建前台账号',
  staff_created: '已创建 {u}，初始密码（仅显示一次）：{p}', audit_title: '审计日志', action: '操作', target: '对象', staff_id: '员工', detail: '详情', older: '更早',
  error: '错误', loading: '加载中…', yes: '是', no: '否', used: '已用', points_credited: '实际入账积分', rebate_settled: '实际返利', campaign_budget: '预算', line_no: '第 {n} 行', src_invitee: '新人优惠', src_coupon: '优惠券',
  // Families (issue 15): the member's patients (就诊人) and who is being seen.
  patients: '就诊人', patient: '就诊人', pick_patient: '本次就诊的是哪位？', no_patients: '该会员未添加就诊人（按会员本人就诊）',
  pick_patient_first: '请先在会员卡上选择本次就诊的就诊人。', seeing: '就诊人', age_years: '{n} 岁', age_months: '{n} 个月',
  sex_male: '男', sex_female: '女', rel_self: '本人', rel_child: '子女', rel_parent: '父母', rel_spouse: '配偶', rel_other: '其他',
};

const en = {
  app_title: 'Health Membership · Front desk', lang_switch: '中文', logout: 'Sign out',
  login_title: 'Staff sign-in', username: 'Username', password: 'Password', login: 'Sign in',
  session_expired: 'Your session has expired. Please sign in again.', logged_out: 'Signed out.', core_loading: 'Loading the core…',
  core_ready: 'Core ready', core_failed: 'The core failed to load: {m}',
  nav_lookup: 'Member lookup', nav_appointments: "Today's appointments", nav_visit: 'New visit', nav_refund: 'Refund', nav_coupons: 'Coupons',
  nav_rules: 'Points rules', nav_report: 'Daily report', nav_staff: 'Staff', nav_audit: 'Audit log', nav_engagement: 'Messages & retention',
  lookup_label: 'Scan the member code or type a phone number', lookup_hint: 'The scanner presses Enter by itself; phone numbers have 11 digits.', search: 'Search',
  no_member: 'No member found.', pick_member: 'Several members match; pick one:', member_card: 'Member card',
  name: 'Name', phone: 'Phone', tier: 'Tier', available: 'Available points', pending: 'Pending points', expiring: 'expiring within {d} days',
  coupons: 'Coupons', no_coupons: 'No open coupons', invite: 'Invite', invited_first: 'Invited new member: first paid visit gets the new-member benefit',
  invited_done: 'Invited member (first paid visit done)', not_invited: 'Not invited', today_appt: "Today's appointment", no_appt: 'No appointment today',
  recent_visits: 'Recent visits', no_visits: 'No visits yet', new_visit: 'New visit (F4)', credit: 'Account credit',
  time: 'Time', member: 'Member', doctor: 'Doctor', status: 'Status', actions: 'Actions', check_in: 'Check in', no_show: 'No-show',
  st_booked: 'Booked', st_checked_in: 'Checked in', st_no_show: 'No-show', st_cancelled: 'Cancelled',
  st_confirmed: 'Confirmed', st_issued: 'Open', st_used: 'Used', points_credited: 'Points credited', rebate_settled: 'Rebate settled', st_refunded: 'Refunded', checked_in_ok: 'Checked in.', no_show_ok: 'Marked as no-show.', no_appointments: 'No appointments today.',
  date: 'Date', reload: 'Reload',
  need_member: 'Look a member up first.', catalogue: 'Catalogue', rx: 'Prescription', rx_note: 'Prescription items earn no points, get no discount, no rebate',
  qty: 'Qty', price: 'Unit price', preview: 'Live preview (core.wasm in this browser)', total: 'Total', discount: 'Discount', payable: 'Payable',
  eligible: 'Eligible for points', points_to_earn: 'Points to earn', rebate: 'Inviter rebate', rebate_none: 'none', rebate_points: '{n} points', pending_until: 'available {d}',
  line: 'Item', line_total: 'Line total', computed_in: 'computed in {ms} ms', confirm_visit: 'Paid: confirm the visit (Ctrl+Enter)',
  empty_cart: 'Pick at least one item.', confirmed: 'The server confirmed visit #{id}.', server_result: 'Server', preview_result: 'Preview',
  match: 'The preview matches the server result.', mismatch: 'The preview differs from the server; the server decides:', field: 'Figure', visit_id: 'Visit no.',
  refund_title: 'Refund', refund: 'Refund', refund_confirm: 'Refund visit #{id}? Points, coupons and the inviter rebate are reversed.', refund_yes: 'Yes, refund', cancel: 'Cancel',
  refunded: 'Visit #{id} refunded.', points_reversed: 'Points reversed', coupon_code: 'Coupon code', verify: 'Verify', consume: 'Use now',
  coupon_valid: 'Valid, worth {d}', coupon_invalid: 'Not usable: {r}', coupon_consumed: 'Coupon {c} used.', benefit: 'Benefit',
  valid_to: 'Valid until',
  versions: 'Rule versions', version: 'Version', label: 'Label', active: 'Active', created: 'Uploaded', open: 'Open', activate: 'Activate',
  activated: 'Version {v} is active.', editor: 'Rules JSON editor', validate: 'Check (in browser)', upload: 'Upload as new version', simulate: 'Simulate',
  days: 'Days', valid_doc: 'Valid document: {s} v{v}', invalid_doc: 'Error at {p}: {m}', uploaded: 'Uploaded version {v} (inactive).',
  sim_title: 'Simulation (last {d} days, active version {v})', members_changed: 'Members affected {c} / {t}', events: 'Events', current: 'Current', candidate: 'Candidate', diff: 'Difference',
  totals: 'Totals', budget: 'Budget used', campaign: 'Campaign', no_changes: 'No member is affected.', json_error: 'JSON syntax error: {m}',
  report_title: 'Daily report', visits: 'Visits', refunds: 'Refunds', payable_total: 'Takings', points_issued: 'Points issued', points_redeemed: 'Points redeemed',
  points_reversed_r: 'Points reversed', points_expired: 'Points expired', conversions: 'Referral conversions', rebate_fen: 'Rebates', checkins: 'Check-ins', coupons_redeemed: 'Coupons redeemed', coupons_used: 'Coupons used',
  chart_title: 'Takings, last 7 days', staff_title: 'Staff accounts', role: 'Role', display_name: 'Display name', disabled: 'Disabled', create_staff: 'New desk account',
  staff_created: 'Created {u}; first password (shown once): {p}', audit_title: 'Audit log', action: 'Action', target: 'Target', staff_id: 'Staff', detail: 'Detail', older: 'Older',
  error: 'Error', loading: 'Loading…', yes: 'yes', no: 'no', used: 'Used', points_credited: 'Points credited', rebate_settled: 'Rebate settled', campaign_budget: 'Budget', line_no: 'line {n}', src_invitee: 'New-member benefit', src_coupon: 'Coupon',
  patients: 'Patients', patient: 'Patient', pick_patient: 'Who is being seen?', no_patients: 'No patients added (the member is seen)',
  pick_patient_first: 'Pick the patient being seen on the member card first.', seeing: 'Patient', age_years: '{n} y', age_months: '{n} mo',
  sex_male: 'male', sex_female: 'female', rel_self: 'self', rel_child: 'child', rel_parent: 'parent', rel_spouse: 'spouse', rel_other: 'other',
};

const tables = { 'zh-CN': zh, en };
let current = 'zh-CN';
try {
  const saved = localStorage.getItem('desk.lang');
  if (saved === 'en' || saved === 'zh-CN') current = saved;
} catch { /* storage may be off; zh-CN stays */ }

export function lang() { return current; }
export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh-CN';
  try { localStorage.setItem('desk.lang', current); } catch { /* ignore */ }
  document.documentElement.lang = current;
}

export function t(key, vars) {
  let text = tables[current][key] ?? zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  return text;
}
