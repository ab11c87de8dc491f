// What each consent means, said once: the server returns these texts with the consents and
// the self-test history, so the result card, the "me" page and the history say one thing.
#pragma once

#include "errors.h"

namespace clinic::server {

// health_data: what a self-test stores with and without the member's consent.
inline Text health_data_consent_text() {
  return Text(
      "同意后：每次自测的回答、结果等级、原因和日期保存在服务器上，您和就诊人的自测记录里都能看到，可随时撤回。"
      "不同意时：服务器只保存主诉、结果等级（及其建议）和日期，用于积分和就诊参考；回答和原因只保存在您的手机上。"
      "为未满 14 周岁的孩子自测时，您作为监护人的同意即为孩子的同意。",
      "With consent: each self-test's answers, result level, reason and date are stored on the server and shown in the "
      "patient's self-test history; you can withdraw at any time. Without consent: the server stores only the "
      "complaint, the result level (with its advice) and the date, for points and for the clinic; the answers and the "
      "reason stay on your phone. For a child under 14, your consent as the guardian is the child's consent.");
}

inline Text marketing_consent_text() {
  return Text("同意后，我们可以向您发送优惠和健康活动信息；不同意不影响任何服务，可随时撤回。",
              "With consent we may send you offers and health events; saying no changes no service, and you can "
              "withdraw at any time.");
}

}  // namespace clinic::server
