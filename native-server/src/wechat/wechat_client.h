// The WeChat server API the server needs: sns/jscode2session (login),
// cgi-bin/stable_token (access token, cached) and wxa/business/getuserphonenumber.
// WeChat errcodes become ApiErrors with clear codes and messages:
//   40029/40163 → wechat_invalid_code (400), 45011 → wechat_rate_limited (429),
//   40226 → wechat_high_risk (403), -1 → wechat_busy (503), 40013/40125/41002/41004 →
//   wechat_misconfigured (502), network failure → wechat_unavailable (502).
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "errors.h"
#include "wechat/url.h"

namespace clinic::server {

struct WeChatSession {
  std::string openid;
  std::string session_key;  // never leaves the server
  std::optional<std::string> unionid;
};

struct WeChatPhone {
  std::string phone;  // purePhoneNumber
  std::string country_code;
};

class WeChatClient {
 public:
  WeChatClient(std::string appid, std::string secret, Url base, int64_t timeout_ms)
      : appid_(std::move(appid)), secret_(std::move(secret)), base_(std::move(base)), timeout_ms_(timeout_ms) {}

  WeChatSession code_to_session(const std::string& code) const;
  WeChatPhone phone_number(const std::string& code, int64_t now_ms);

  // Issue 19, wechat/wechat_messages.cpp. send_subscribe answers WeChat's raw errcode (the
  // scheduler decides retry or final state); transport failures come back as errcode -2.
  struct SendOutcome {
    int64_t errcode = 0;
    std::string errmsg;
  };
  SendOutcome send_subscribe(const std::string& openid, const std::string& template_id, const std::string& page,
                             const std::string& data_json, int64_t now_ms);
  // wxa/msg_sec_check v2: "pass", "review" or "risky". Throws ApiError when WeChat fails.
  std::string content_check(const std::string& openid, const std::string& text, int64_t now_ms);
  // wxa/getwxacodeunlimit: the PNG bytes. Throws ApiError when WeChat fails.
  std::string wxacode_unlimit(const std::string& scene, const std::string& page, int64_t now_ms);

  // errcode → ApiError (exposed for tests and the error table).
  static ApiError error_for(int64_t errcode, const std::string& errmsg);

 private:
  std::string access_token(int64_t now_ms);

  std::string appid_, secret_;
  Url base_;
  int64_t timeout_ms_;
  std::mutex token_mu_;
  std::string token_;
  int64_t token_expires_ms_ = 0;
};

}  // namespace clinic::server
