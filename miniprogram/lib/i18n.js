// zh-CN first, English on request. The choice lives in storage so every page (and the
// next launch) sees it; pages put strings() into data as `s` and re-read it on show.
const config = require('../config.js');

const kLangKey = 'lang';
const kLangs = ['zh-CN', 'en'];

const dict = {
  'zh-CN': {
    app_name: '健康会员',
    loading: '加载中…',
    offline: '网络不可用，请稍后再试',
    error: '出错了',
    retry: '重试',
    back: '返回',
    cancel: '取消',
    confirm: '确定',
    points_unit: '积分',
    // home
    home_selftest: '症状自测', home_membership: '我的积分', home_coupons: '优惠券', home_invite: '邀请好友',
    home_code: '会员码', home_appointments: '预约挂号', home_me: '我的',
    checkin_today_done: '今天已签到，连续 {days} 天',
    checkin_today_todo: '今天还没签到',
    checkin_button: '签到',
    checkin_got: '签到成功 +{points} 积分',
    core_loading: '正在加载…',
    core_ready: '本机引擎 {version}',
    core_failed: '引擎加载失败：{message}',
    pending_results: '有 {n} 份自测结果待上传',
    // self-test
    st_title: '症状自测',
    st_search: '哪里不舒服？如：肚子疼、发烧',
    st_age: '年龄（岁）', st_sex: '性别', st_female: '女', st_male: '男', st_pregnant: '怀孕中',
    st_pick: '或从下面选择',
    st_no_match: '没有找到，试试换个说法或从列表选择',
    st_question: '第 {n} 题',
    st_yes: '是', st_no: '否', st_next: '下一题', st_none: '以上都没有',
    st_result: '自测结果',
    st_call_120: '立即拨打 120',
    st_book: '预约{dept}',
    st_advice: '现在可以做什么',
    st_sooner: '出现以下情况请尽快就医',
    st_restart: '重新自测',
    st_saved_offline: '结果已保存在手机上，联网后上传',
    st_submitted: '结果已上传，+{points} 积分',
    st_consent_needed: '上传自测结果需要您同意保存健康信息',
    st_consent_button: '同意并上传',
    st_engine_failed: '本机引擎无法加载：{message}',
    // membership
    mb_title: '我的积分',
    mb_available: '可用', mb_pending: '待生效', mb_expiring: '即将过期',
    mb_tier: '会员等级', mb_progress: '再获得 {points} 积分升级到 {tier}', mb_top_tier: '已是最高等级',
    mb_streak: '连续签到 {days} 天', mb_badges: '徽章', mb_no_badges: '还没有徽章，连续签到 7 天可获得',
    mb_calendar: '{month} 签到', mb_ledger: '积分明细', mb_more: '加载更多', mb_credit: '账户余额 {yuan} 元',
    weekdays: ['日', '一', '二', '三', '四', '五', '六'],
    // coupons
    cp_title: '优惠券', cp_catalogue: '可兑换', cp_mine: '我的优惠券', cp_redeem: '兑换', cp_redeemed: '兑换成功',
    cp_code: '券码', cp_valid_until: '有效期至 {date}', cp_cost: '{points} 积分', cp_none: '还没有优惠券',
    cp_confirm: '用 {points} 积分兑换「{name}」？',
    coupon_status: { issued: '可使用', used: '已使用', expired: '已过期', refunded: '已退回', consumed: '已使用' },
    // invite
    iv_title: '邀请好友', iv_code: '我的邀请码', iv_qr_save: '保存邀请码到相册', iv_qr_saved: '已保存到相册', iv_qr_failed: '保存失败，请允许访问相册', iv_share: '分享给好友', iv_friends: '我邀请的好友',
    iv_none: '还没有好友加入', iv_joined: '已加入', iv_visited: '已到诊',
    iv_rewards: '已获得奖励：{points} 积分，{yuan} 元账户余额',
    iv_share_title: '我在用健康会员，送你新会员礼',
    iv_rules: [
      '好友通过你的分享第一次登录，就成为你邀请的好友。',
      '好友在诊所完成一次付费就诊后，你才会获得奖励；只分享不会获得奖励。',
      '处方药不计入奖励；如果就诊退款，奖励会一并退回。',
      '你只能看到好友是否加入、是否到诊，看不到好友的任何病情信息。',
    ],
    // member code
    mc_title: '会员码', mc_hint: '请向前台出示，每 60 秒自动刷新', mc_refresh: '刷新', mc_expires: '{s} 秒后刷新',
    // appointments
    ap_title: '预约挂号', ap_department: '选择科室', ap_doctor: '选择医生', ap_slot: '选择时间',
    ap_date: '日期', ap_book: '预约', ap_booked: '预约成功', ap_mine: '我的预约', ap_cancel: '取消预约',
    rv_title: '就诊评价', rv_visit: '就诊', rv_stars: '评分', rv_text: '说说您的感受（可选，500 字以内）', rv_submit: '提交评价',
    rv_done: '感谢您的评价', rv_held: '评价已提交，审核后展示', rv_points: '获得 {points} 积分',
    rv_closed: '评价已截止（就诊后 14 天内可评价）', rv_until: '{date} 前可评价', rv_mine: '我的评价', rv_pick: '请先选择评分',
    ap_cancelled: '已取消', ap_none: '暂无预约', ap_no_slots: '当天没有可预约的时间', ap_left: '余 {n}',
    ap_suggested: '自测建议：{dept}',
    appt_status: { booked: '已预约', cancelled: '已取消', checked_in: '已签到', no_show: '未到诊', completed: '已完成' },
    // me
    me_title: '我的', me_consents: '授权与隐私',
    consent_health_title: '保存健康信息',
    consent_health_text: '同意后，诊所会保存您的自测答案和结果，方便医生参考；不同意时只保存结果等级，不保存答案。可随时撤回。',
    consent_marketing_title: '接收活动消息',
    consent_marketing_text: '同意后，诊所可以给您发送优惠和健康活动信息。不同意不影响任何服务。',
    me_phone: '手机号', me_bind_phone: '绑定手机号', me_phone_bound: '已绑定 {phone}',
    me_language: '语言 / Language', me_delete: '注销账户',
    me_delete_confirm: '注销后将删除您的微信身份、手机号和个人信息，积分记录匿名保留用于对账。确定注销？',
    me_deleted: '账户已注销',
  },
  en: {
    app_name: 'Health Member',
    loading: 'Loading…',
    offline: 'No network, please try again later',
    error: 'Something went wrong',
    retry: 'Retry',
    back: 'Back',
    cancel: 'Cancel',
    confirm: 'OK',
    points_unit: 'points',
    home_selftest: 'Symptom check', home_membership: 'My points', home_coupons: 'Coupons', home_invite: 'Invite friends',
    home_code: 'Member code', home_appointments: 'Appointments', home_me: 'Me',
    checkin_today_done: 'Checked in today, {days}-day streak',
    checkin_today_todo: 'Not checked in today',
    checkin_button: 'Check in',
    checkin_got: 'Checked in +{points} points',
    core_loading: 'Loading…',
    core_ready: 'On-device engine {version}',
    core_failed: 'Engine failed to load: {message}',
    pending_results: '{n} self-test result(s) waiting to upload',
    st_title: 'Symptom check',
    st_search: 'What is wrong? e.g. tummy ache, fever',
    st_age: 'Age (years)', st_sex: 'Sex', st_female: 'Female', st_male: 'Male', st_pregnant: 'Pregnant',
    st_pick: 'or pick one below',
    st_no_match: 'Nothing found; try other words or pick from the list',
    st_question: 'Question {n}',
    st_yes: 'Yes', st_no: 'No', st_next: 'Next', st_none: 'None of these',
    st_result: 'Result',
    st_call_120: 'Call 120 now',
    st_book: 'Book {dept}',
    st_advice: 'What to do now',
    st_sooner: 'Seek care sooner if',
    st_restart: 'Start again',
    st_saved_offline: 'Result saved on this phone; it will upload when online',
    st_submitted: 'Result uploaded, +{points} points',
    st_consent_needed: 'Uploading your result needs your consent to store health information',
    st_consent_button: 'Agree and upload',
    st_engine_failed: 'On-device engine failed to load: {message}',
    mb_title: 'My points',
    mb_available: 'Available', mb_pending: 'Pending', mb_expiring: 'Expiring soon',
    mb_tier: 'Tier', mb_progress: '{points} more points to {tier}', mb_top_tier: 'Top tier reached',
    mb_streak: '{days}-day check-in streak', mb_badges: 'Badges', mb_no_badges: 'No badges yet: check in 7 days in a row',
    mb_calendar: 'Check-ins in {month}', mb_ledger: 'History', mb_more: 'Load more', mb_credit: 'Account credit ¥{yuan}',
    weekdays: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
    cp_title: 'Coupons', cp_catalogue: 'Redeem', cp_mine: 'My coupons', cp_redeem: 'Redeem', cp_redeemed: 'Redeemed',
    cp_code: 'Code', cp_valid_until: 'Valid until {date}', cp_cost: '{points} points', cp_none: 'No coupons yet',
    cp_confirm: 'Redeem "{name}" for {points} points?',
    coupon_status: { issued: 'Ready to use', used: 'Used', expired: 'Expired', refunded: 'Returned', consumed: 'Used' },
    iv_title: 'Invite friends', iv_code: 'My invite code', iv_qr_save: 'Save the code to the album', iv_qr_saved: 'Saved to the album', iv_qr_failed: 'Not saved; allow access to the album', iv_share: 'Share with a friend', iv_friends: 'Friends I invited',
    iv_none: 'No friends have joined yet', iv_joined: 'Joined', iv_visited: 'Visited',
    iv_rewards: 'Rewards so far: {points} points, ¥{yuan} account credit',
    iv_share_title: 'I use Health Member: here is a new-member gift',
    iv_rules: [
      'A friend who first logs in through your share becomes your invited friend.',
      'You get a reward only after the friend completes a paid visit at the clinic; sharing alone earns nothing.',
      'Prescription medicines do not count; if the visit is refunded, the reward is taken back too.',
      'You only see whether a friend joined and visited, never anything about their care.',
    ],
    mc_title: 'Member code', mc_hint: 'Show this at the front desk; it refreshes every 60 s', mc_refresh: 'Refresh',
    mc_expires: 'Refreshes in {s} s',
    ap_title: 'Appointments', ap_department: 'Department', ap_doctor: 'Doctor', ap_slot: 'Time',
    ap_date: 'Date', ap_book: 'Book', ap_booked: 'Booked', ap_mine: 'My appointments', ap_cancel: 'Cancel',
    rv_title: 'Review your visit', rv_visit: 'Visit', rv_stars: 'Stars', rv_text: 'How was it? (optional, up to 500 characters)',
    rv_submit: 'Submit review', rv_done: 'Thank you for your review', rv_held: 'Submitted; shown after moderation',
    rv_points: '+{points} points', rv_closed: 'Reviews close 14 days after the visit', rv_until: 'Review by {date}',
    rv_mine: 'My review', rv_pick: 'Choose the stars first',
    ap_cancelled: 'Cancelled', ap_none: 'No appointments', ap_no_slots: 'No free times on this day', ap_left: '{n} left',
    ap_suggested: 'Suggested by your self-test: {dept}',
    appt_status: { booked: 'Booked', cancelled: 'Cancelled', checked_in: 'Checked in', no_show: 'No-show', completed: 'Completed' },
    me_title: 'Me', me_consents: 'Consents & privacy',
    consent_health_title: 'Store my health information',
    consent_health_text: 'If you agree, the clinic keeps your self-test answers and result for your doctor; if not, only the result level is kept, never the answers. You can withdraw any time.',
    consent_marketing_title: 'Receive offers',
    consent_marketing_text: 'If you agree, the clinic may send you offers and health events. Saying no changes nothing else.',
    me_phone: 'Phone', me_bind_phone: 'Bind phone number', me_phone_bound: 'Bound: {phone}',
    me_language: 'Language / 语言', me_delete: 'Delete my account',
    me_delete_confirm: 'This deletes your WeChat identity, phone and personal details; the points history is kept anonymised for accounting. Delete?',
    me_deleted: 'Account deleted',
  },
};

function lang() {
  const l = wx.getStorageSync(kLangKey);
  return kLangs.indexOf(l) >= 0 ? l : config.defaultLang;
}

function setLang(l) {
  if (kLangs.indexOf(l) < 0) throw new Error(`unknown language ${l}`);
  wx.setStorageSync(kLangKey, l);
}

// A fresh copy each time: pages hand it to setData, which must never share (and so
// mutate) the dictionary itself.
function strings() {
  return JSON.parse(JSON.stringify(dict[lang()]));
}

// t('checkin_got', {points: 5}) → '签到成功 +5 积分'
function t(key, params) {
  const s = dict[lang()][key];
  if (typeof s !== 'string') return key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (params && params[k] !== undefined ? String(params[k]) : m));
}

// What the core and the server call English; zh-CN is their default.
function isEnglish() {
  return lang() === 'en';
}

// The navigation bar title in the current language (page JSON holds the zh-CN one).
function applyTitle(key) {
  if (isEnglish()) wx.setNavigationBarTitle({ title: t(key) });
}

module.exports = { lang, setLang, strings, t, isEnglish, applyTitle, kLangs, dict };
