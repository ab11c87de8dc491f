#include "domain/core_client.h"

#include "clinic/command.h"
#include "errors.h"

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

}  // namespace clinic::server
