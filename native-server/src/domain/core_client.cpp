#include "domain/core_client.h"

#include <map>
#include <memory>
#include <mutex>

#include "clinic/command.h"
#include "clinic/points/account_host.h"
#include "errors.h"
#include "store/repositories.h"

namespace clinic::server {

boost::json::object core_call(std::string_view op, boost::json::object args, std::string_view lang) {
  args["op"] = op;
  args["v"] = 1;
  args["lang"] = lang == "en" ? "en" : "zh-CN";
  std::string out = clinic::call(boost::json::serialize(args));
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(out, ec);
  if (ec || !v.is_object())
    throw ApiError("internal", {"内部错误：核心返回格式有误", "the core returned a malformed answer"});
  boost::json::object& o = v.get_object();
  if (auto* ok = o.if_contains("ok"); ok && ok->is_object()) return std::move(ok->get_object());
  if (auto* err = o.if_contains("error"); err && err->is_object()) {
    const boost::json::object& e = err->get_object();
    auto text = [&](const char* k) {
      const auto* f = e.if_contains(k);
      return f && f->is_string() ? std::string(f->get_string()) : std::string();
    };
    throw ApiError(text("code"), Text::as_is(text("message")), text("path"));
  }
  throw ApiError("internal", {"内部错误：核心返回格式有误", "the core returned neither ok nor error"});
}

namespace {

std::shared_ptr<const points::Rules> parsed_rules(const RuleVersion& v) {
  static std::mutex mu;
  static std::map<int64_t, std::shared_ptr<const points::Rules>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(v.id);
    if (it != cache.end()) return it->second;
  }
  auto parsed = points::parse_rules_document(v.document);
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    throw ApiError(ErrorName(e.code), Text{e.message_zh, e.message_en}, e.path);
  }
  auto rules = std::make_shared<const points::Rules>(std::move(*parsed));
  std::lock_guard<std::mutex> lock(mu);
  return cache.emplace(v.id, rules).first->second;
}

}  // namespace

boost::json::object core_call_rules(std::string_view op, const RuleVersion& rules, boost::json::object args,
                                    std::string_view lang) {
  std::shared_ptr<const points::Rules> parsed = parsed_rules(rules);
  args.erase("rules");
  boost::json::value body(std::move(args));
  Result<boost::json::value> out = call_with_rules(op, body, *parsed, lang);
  if (!out.ok()) {
    const Error& e = out.error();
    throw ApiError(ErrorName(e.code), Text::as_is(e.message(lang == "en" ? "en" : "zh-CN")), e.path);
  }
  if (!out.value().is_object())
    throw ApiError("internal", {"内部错误：核心返回格式有误", "the core returned a malformed answer"});
  return std::move(out.value().as_object());
}

}  // namespace clinic::server
