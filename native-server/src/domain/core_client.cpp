#include "domain/core_client.h"

#include <map>
#include <memory>
#include <mutex>

#include "clinic/command.h"
#include "clinic/points/account_host.h"
#include "errors.h"
#include "store/repositories.h"

namespace clinic::server {

namespace {

// Unsigned integers the server put into the arguments (sizes, counts) arrive as the core
// reads them from text: as int64 where they fit (a serialize/parse round trip did this).
void as_parsed_numbers(boost::json::value& v) {
  if (auto* u = v.if_uint64()) {
    if (*u <= static_cast<uint64_t>(INT64_MAX)) v = static_cast<int64_t>(*u);
  } else if (auto* o = v.if_object()) {
    for (auto& kv : *o) as_parsed_numbers(kv.value());
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) as_parsed_numbers(e);
  }
}

}  // namespace

boost::json::object core_call(std::string_view op, boost::json::object args, std::string_view lang) {
  boost::json::value body(std::move(args));
  as_parsed_numbers(body);
  Result<boost::json::value> out = call_value(op, body, lang);
  if (!out.ok()) {
    const Error& e = out.error();
    throw ApiError(std::string(error_code_name(e.code)), Text::as_is(e.message(lang == "en" ? "en" : "zh-CN")), e.path);
  }
  if (!out.value().is_object())
    throw ApiError("internal", {"内部错误：核心返回格式有误", "the core returned a malformed answer"});
  return std::move(out.value().as_object());
}

namespace {

// Keyed by the row id and checked against the document: a process that opens another
// database (tests, migrate) may meet the same id with other rules.
struct CachedRules {
  std::string document;
  std::shared_ptr<const points::Rules> rules;
};

std::shared_ptr<const points::Rules> parsed_rules(const RuleVersion& v) {
  static std::mutex mu;
  static std::map<int64_t, CachedRules> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(v.id);
    if (it != cache.end() && it->second.document == v.document) return it->second.rules;
  }
  auto parsed = points::parse_rules_document(v.document);
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    throw ApiError(ErrorName(e.code), Text{e.message_zh, e.message_en}, e.path);
  }
  auto rules = std::make_shared<const points::Rules>(std::move(*parsed));
  std::lock_guard<std::mutex> lock(mu);
  cache[v.id] = CachedRules{v.document, rules};
  return rules;
}

}  // namespace

std::string account_basis(const RuleVersion& rules) {
  return points::account_basis(*parsed_rules(rules));
}

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
