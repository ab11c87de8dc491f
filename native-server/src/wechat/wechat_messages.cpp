// WeChat calls of issue 19 (subscribe messages, content check, mini-program codes). They
// share the cached access token with login; a token WeChat no longer accepts (40001,
// 42001) is dropped and fetched again once.
#include <boost/json.hpp>

#include "log.h"
#include "wechat/http_client.h"
#include "wechat/wechat_client.h"

namespace clinic::server {
namespace {

struct Raw {
  int64_t errcode = 0;
  std::string errmsg;
  boost::json::object obj;
  std::string body;
  bool json = false;
};

Raw call(const Url& base, const std::string& target, const std::string& body, int64_t timeout_ms) {
  Raw raw;
  HttpResult res;
  try {
    res = http_fetch(base, target, body, timeout_ms);
  } catch (const std::exception& e) {
    log_warn(std::string("wechat api unreachable: ") + e.what());
    raw.errcode = -2;
    raw.errmsg = "unreachable";
    return raw;
  }
  raw.body = std::move(res.body);
  if (res.status != 200) {
    raw.errcode = -2;
    raw.errmsg = "HTTP " + std::to_string(res.status);
    return raw;
  }
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(raw.body, ec);
  if (ec || !v.is_object()) return raw;  // not JSON: a binary answer (the PNG)
  raw.json = true;
  raw.obj = std::move(v.get_object());
  if (const auto* c = raw.obj.if_contains("errcode"); c && c->is_int64()) raw.errcode = c->get_int64();
  if (const auto* m = raw.obj.if_contains("errmsg"); m && m->is_string()) raw.errmsg = std::string(m->get_string());
  return raw;
}

bool token_rejected(int64_t errcode) {
  return errcode == 40001 || errcode == 42001;
}

}  // namespace

WeChatClient::SendOutcome WeChatClient::send_subscribe(const std::string& openid, const std::string& template_id,
                                                       const std::string& page, const std::string& data_json,
                                                       int64_t now_ms) {
  boost::json::error_code ec;
  boost::json::value data = boost::json::parse(data_json, ec);
  boost::json::object req{{"touser", openid},
                          {"template_id", template_id},
                          {"page", page},
                          {"data", ec ? boost::json::value(boost::json::object{}) : data},
                          {"miniprogram_state", "formal"},
                          {"lang", "zh_CN"}};
  std::string body = boost::json::serialize(req);
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string token;
    try {
      token = access_token(now_ms);
    } catch (const ApiError& e) {
      return SendOutcome{-2, e.code};
    }
    Raw raw = call(base_, "/cgi-bin/message/subscribe/send?access_token=" + url_encode(token), body, timeout_ms_);
    if (token_rejected(raw.errcode) && attempt == 0) {
      std::lock_guard<std::mutex> lock(token_mu_);
      token_.clear();
      continue;
    }
    if (raw.errcode == 0 && !raw.json) return SendOutcome{-2, "unexpected answer"};
    return SendOutcome{raw.errcode, raw.errmsg};
  }
  return SendOutcome{-2, "access token refused"};
}

std::string WeChatClient::content_check(const std::string& openid, const std::string& text, int64_t now_ms) {
  boost::json::object req{{"content", text}, {"version", 2}, {"scene", 2}, {"openid", openid}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string token = access_token(now_ms);
    Raw raw =
        call(base_, "/wxa/msg_sec_check?access_token=" + url_encode(token), boost::json::serialize(req), timeout_ms_);
    if (token_rejected(raw.errcode) && attempt == 0) {
      std::lock_guard<std::mutex> lock(token_mu_);
      token_.clear();
      continue;
    }
    if (raw.errcode == -2 || !raw.json)
      throw ApiError("wechat_unavailable", {"无法连接微信内容安全接口，请重试", "WeChat content check is unreachable"});
    if (raw.errcode != 0) throw error_for(raw.errcode, raw.errmsg);
    const auto* result = raw.obj.if_contains("result");
    const auto* suggest = result && result->is_object() ? result->get_object().if_contains("suggest") : nullptr;
    if (!suggest || !suggest->is_string())
      throw ApiError("wechat_unavailable",
                     {"微信内容安全接口返回异常", "WeChat content check answered without result"});
    return std::string(suggest->get_string());
  }
  throw ApiError("wechat_misconfigured", {"服务端微信配置有误", "WeChat refused the access token"});
}

std::string WeChatClient::wxacode_unlimit(const std::string& scene, const std::string& page, int64_t now_ms) {
  boost::json::object req{
      {"scene", scene}, {"page", page}, {"check_path", false}, {"env_version", "release"}, {"width", 430}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string token = access_token(now_ms);
    Raw raw = call(base_, "/wxa/getwxacodeunlimit?access_token=" + url_encode(token), boost::json::serialize(req),
                   timeout_ms_);
    if (token_rejected(raw.errcode) && attempt == 0) {
      std::lock_guard<std::mutex> lock(token_mu_);
      token_.clear();
      continue;
    }
    if (raw.errcode == -2)
      throw ApiError("wechat_unavailable", {"无法连接微信接口，请重试", "WeChat API is unreachable; please retry"});
    if (raw.json) throw error_for(raw.errcode, raw.errmsg);
    if (raw.body.size() < 8 || raw.body.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
      throw ApiError("wechat_unavailable", {"微信返回的小程序码不是 PNG", "WeChat answered with something not a PNG"});
    return raw.body;
  }
  throw ApiError("wechat_misconfigured", {"服务端微信配置有误", "WeChat refused the access token"});
}

}  // namespace clinic::server
