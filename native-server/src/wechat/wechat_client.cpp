#include "wechat/wechat_client.h"

#include <boost/json.hpp>

#include "log.h"
#include "wechat/http_client.h"

namespace clinic::server {
namespace {

boost::json::object fetch_json(const Url& base, const std::string& target, const std::string& body,
                               int64_t timeout_ms) {
  HttpResult res;
  try {
    res = http_fetch(base, target, body, timeout_ms);
  } catch (const std::exception& e) {
    log_warn(std::string("wechat api unreachable: ") + e.what());
    throw ApiError("wechat_unavailable", {"无法连接微信接口，请重试", "WeChat API is unreachable; please retry"});
  }
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(res.body, ec);
  if (ec || !v.is_object() || res.status != 200) {
    log_warn("wechat api answered HTTP " + std::to_string(res.status) + " with an unexpected body");
    throw ApiError("wechat_unavailable",
                   {"微信接口返回异常，请重试", "WeChat API gave an unexpected answer; please retry"});
  }
  boost::json::object obj = std::move(v.get_object());
  if (const auto* code = obj.if_contains("errcode")) {
    int64_t errcode = code->is_int64() ? code->get_int64() : 0;
    if (errcode != 0) {
      std::string errmsg;
      if (const auto* m = obj.if_contains("errmsg"); m && m->is_string()) errmsg = std::string(m->get_string());
      throw WeChatClient::error_for(errcode, errmsg);
    }
  }
  return obj;
}

std::string string_field(const boost::json::object& obj, const char* key) {
  const auto* v = obj.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

ApiError WeChatClient::error_for(int64_t errcode, const std::string& errmsg) {
  log_info("wechat errcode " + std::to_string(errcode) + ": " + errmsg);
  switch (errcode) {
    case 40029:
    case 40163:
      return ApiError("wechat_invalid_code", {"登录凭证无效或已使用，请重新登录", "invalid or used login code"},
                      "$.code");
    case 45011:
      return ApiError("wechat_rate_limited", {"登录过于频繁，请稍后再试", "WeChat rate limit, retry later"});
    case 40226:
      return ApiError("wechat_high_risk",
                      {"微信判定该账号存在风险，暂不能登录", "WeChat flagged this user as high risk"});
    case -1:
      return ApiError("wechat_busy", {"微信系统繁忙，请稍后再试", "WeChat is busy, retry later"});
    case 40013:
    case 40125:
    case 41002:
    case 41004:
      return ApiError("wechat_misconfigured", {"服务端微信配置有误", "server WeChat appid/secret rejected"});
    default:
      return ApiError("wechat_unavailable",
                      Text("微信接口错误 " + std::to_string(errcode), "WeChat API error " + std::to_string(errcode)));
  }
}

WeChatSession WeChatClient::code_to_session(const std::string& code) const {
  std::string target = "/sns/jscode2session?appid=" + url_encode(appid_) + "&secret=" + url_encode(secret_) +
                       "&js_code=" + url_encode(code) + "&grant_type=authorization_code";
  boost::json::object obj = fetch_json(base_, target, "", timeout_ms_);
  WeChatSession s;
  s.openid = string_field(obj, "openid");
  s.session_key = string_field(obj, "session_key");
  std::string unionid = string_field(obj, "unionid");
  if (!unionid.empty()) s.unionid = unionid;
  if (s.openid.empty() || s.session_key.empty()) {
    throw ApiError("wechat_unavailable",
                   {"微信接口返回异常，请重试", "WeChat API answered without openid/session_key"});
  }
  return s;
}

std::string WeChatClient::access_token(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(token_mu_);
  if (!token_.empty() && now_ms < token_expires_ms_) return token_;
  boost::json::object req{{"grant_type", "client_credential"}, {"appid", appid_}, {"secret", secret_}};
  boost::json::object obj = fetch_json(base_, "/cgi-bin/stable_token", boost::json::serialize(req), timeout_ms_);
  token_ = string_field(obj, "access_token");
  int64_t expires_in = 7200;
  if (const auto* e = obj.if_contains("expires_in"); e && e->is_int64()) expires_in = e->get_int64();
  // Refresh five minutes early so a token never expires mid-request.
  token_expires_ms_ = now_ms + (expires_in - 300) * 1000;
  if (token_.empty())
    throw ApiError("wechat_unavailable", {"微信接口返回异常，请重试", "WeChat API answered without access_token"});
  return token_;
}

WeChatPhone WeChatClient::phone_number(const std::string& code, int64_t now_ms) {
  std::string token = access_token(now_ms);
  boost::json::object req{{"code", code}};
  boost::json::object obj = fetch_json(base_, "/wxa/business/getuserphonenumber?access_token=" + url_encode(token),
                                       boost::json::serialize(req), timeout_ms_);
  const auto* info = obj.if_contains("phone_info");
  if (!info || !info->is_object())
    throw ApiError("wechat_unavailable", {"微信接口返回异常，请重试", "WeChat API answered without phone_info"});
  WeChatPhone p;
  p.phone = string_field(info->get_object(), "purePhoneNumber");
  p.country_code = string_field(info->get_object(), "countryCode");
  return p;
}

}  // namespace clinic::server
