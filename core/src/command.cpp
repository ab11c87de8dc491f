#include "clinic/command.h"

#include <boost/json.hpp>

#include <cstring>
#include <memory>

namespace clinic {
namespace {

constexpr std::string_view kEnvelopeKeys[] = {"op", "v", "lang"};

boost::json::parse_options parse_limits() {
  boost::json::parse_options opts;
  opts.max_depth = kMaxJsonDepth;
  return opts;
}

struct ParseProblem {
  std::string_view zh;
  std::string_view en;
};

// Our own words for JSON parse failures, in both languages. (error_code::message()
// is English only and drags printf into the wasm through Boost.System.)
ParseProblem describe(const boost::json::error_code& ec) {
  namespace je = boost::json;
  if (ec == je::error::incomplete) return {"内容不完整", "incomplete JSON"};
  if (ec == je::error::extra_data) return {"JSON 之后还有多余内容", "extra data after the JSON value"};
  if (ec == je::error::too_deep) return {"嵌套过深", "nesting too deep"};
  if (ec == je::error::syntax) return {"语法错误（或含非 UTF-8 字节）", "syntax error (or bytes that are not UTF-8)"};
  if (ec == je::error::illegal_leading_surrogate || ec == je::error::illegal_trailing_surrogate ||
      ec == je::error::expected_utf16_escape || ec == je::error::expected_hex_digit) {
    return {"字符串转义无效", "invalid escape in a string"};
  }
  if (ec == je::error::exponent_overflow) return {"数字超出范围", "number out of range"};
  if (ec == je::error::object_too_large || ec == je::error::array_too_large || ec == je::error::key_too_large ||
      ec == je::error::string_too_large) {
    return {"内容过大", "value too large"};
  }
  return {"不是有效的 UTF-8 JSON", "not valid UTF-8 JSON"};
}

Error parse_error(const boost::json::error_code& ec) {
  ParseProblem p = describe(ec);
  return make_error(ErrorCode::bad_json, "请求不是有效的 JSON：" + std::string(p.zh),
                    "request is not valid JSON: " + std::string(p.en));
}

// Serializes into one buffer of `size_hint` bytes, doubled only if the text is longer.
// (boost::json::serialize starts from 4 KB and doubles, copying the text each time: an
// answer that carries a long member's account is about as long as the request was.) The
// buffer is not zero-filled: a std::string sized up front would be, and in the wasm that
// memset cost more than copying out the bytes written (bench/account-ops.mjs, 2026-12-04).
std::string serialize_sized(const boost::json::object& o, size_t size_hint) {
  boost::json::serializer sr;
  sr.reset(&o);
  size_t cap = size_hint < 256 ? 256 : size_hint;
  std::unique_ptr<char[]> buf(new char[cap]);  // not zero-filled
  size_t len = 0;
  for (;;) {
    len += sr.read(buf.get() + len, cap - len).size();
    if (sr.done()) break;
    std::unique_ptr<char[]> bigger(new char[cap * 2]);
    std::memcpy(bigger.get(), buf.get(), len);
    buf = std::move(bigger);
    cap *= 2;
  }
  return std::string(buf.get(), len);
}

std::string ok_response(boost::json::value result, size_t size_hint) {
  boost::json::object out;
  out.emplace("ok", std::move(result));
  return serialize_sized(out, size_hint);
}

const OpInfo* find_op(std::string_view name) {
  for (const OpInfo& op : op_table()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace

std::string error_response(const Error& error, std::string_view lang) {
  boost::json::object e;
  e.emplace("code", error_code_name(error.code));
  e.emplace("message", error.message(lang));
  e.emplace("path", error.path);
  boost::json::object out;
  out.emplace("error", std::move(e));
  return boost::json::serialize(out);
}

bool OpRequest::allow_fields(std::initializer_list<std::string_view> keys) const {
  if (!body.ok()) return false;
  const boost::json::object& obj = body.raw()->get_object();
  for (const auto& kv : obj) {
    bool known = false;
    for (std::string_view k : kEnvelopeKeys) known = known || kv.key() == k;
    for (std::string_view k : keys) known = known || kv.key() == k;
    if (!known) {
      body.context().fail(make_error(ErrorCode::invalid_field, "未知字段", "unknown field", body.field_path(kv.key())));
      return false;
    }
  }
  return true;
}

const boost::json::value* embedded_document(const JsonReader& field, boost::json::value& storage) {
  if (!field.ok()) return nullptr;
  if (!field.present()) {
    field.fail(ErrorCode::missing_field, "缺少规则文档", "document is missing");
    return nullptr;
  }
  if (const boost::json::string* text = field.raw()->if_string()) {
    boost::json::error_code ec;
    storage = boost::json::parse(*text, ec, {}, parse_limits());
    if (ec) {
      ParseProblem p = describe(ec);
      field.fail(ErrorCode::bad_json, "文档不是有效的 JSON：" + std::string(p.zh),
                 "document is not valid JSON: " + std::string(p.en));
      return nullptr;
    }
    return &storage;
  }
  if (!field.raw()->is_object()) {
    field.fail("文档应为对象或 JSON 文本", "document must be an object or JSON text");
    return nullptr;
  }
  return field.raw();
}

std::string call(std::string_view request) {
  constexpr std::string_view kDefaultLang = "zh-CN";
  if (request.size() > kMaxRequestBytes) {
    return error_response(
        make_error(ErrorCode::too_large, "请求过大（最多 1 MiB）", "request too large (at most 1 MiB)"), kDefaultLang);
  }
  boost::json::error_code ec;
  // A monotonic arena: one request, freed all at once.
  boost::json::monotonic_resource arena;
  boost::json::value doc = boost::json::parse(request, ec, &arena, parse_limits());
  if (ec) return error_response(parse_error(ec), kDefaultLang);

  ReadContext ctx;
  JsonReader root(&doc, "$", ctx);
  if (!doc.is_object()) {
    root.fail(ErrorCode::invalid_request, "请求应为 JSON 对象", "request must be a JSON object");
    return error_response(ctx.error(), kDefaultLang);
  }
  // Language first, so every later error speaks it.
  size_t lang_index = root.field("lang").present() ? root.field("lang").as_enum({"zh-CN", "en"}) : 0;
  std::string lang = lang_index == 1 ? "en" : "zh-CN";
  std::string op_name = root.req_string("op", 64);
  int version = static_cast<int>(root.req_int("v", 1, 1000));
  if (!ctx.ok()) {
    Error e = ctx.take_error();
    if (e.code == ErrorCode::missing_field) e.code = ErrorCode::invalid_request;
    return error_response(e, lang);
  }
  const OpInfo* op = find_op(op_name);
  if (!op) {
    return error_response(make_error(ErrorCode::unknown_op, "未知操作：" + op_name, "unknown op: " + op_name, "$.op"),
                          lang);
  }
  if (version < op->min_version || version > op->max_version) {
    return error_response(
        make_error(ErrorCode::unsupported_version, "操作 " + op_name + " 不支持版本 " + std::to_string(version),
                   "op " + op_name + " does not support version " + std::to_string(version), "$.v"),
        lang);
  }
  OpRequest req{root, lang, version};
  Result<boost::json::value> result = op->handler(req);
  if (!result.ok()) return error_response(result.error(), lang);
  if (!ctx.ok()) return error_response(ctx.error(), lang);  // a read error the handler did not surface
  return ok_response(std::move(result.value()), request.size() + 1024);
}

namespace {

Result<boost::json::value> call_parsed(std::string_view op_name, const boost::json::value& body,
                                       const points::Rules* rules, std::string_view lang) {
  const OpInfo* op = find_op(op_name);
  if (!op) {
    return make_error(ErrorCode::unknown_op, "未知操作：" + std::string(op_name), "unknown op: " + std::string(op_name),
                      "$.op");
  }
  ReadContext ctx;
  JsonReader root(&body, "$", ctx);
  if (!body.is_object()) root.fail(ErrorCode::invalid_request, "请求应为 JSON 对象", "request must be a JSON object");
  if (!ctx.ok()) return ctx.take_error();
  OpRequest req{root, lang == "en" ? "en" : "zh-CN", 1, rules};
  Result<boost::json::value> result = op->handler(req);
  if (!result.ok()) return result;
  if (!ctx.ok()) return ctx.take_error();
  return result;
}

}  // namespace

Result<boost::json::value> call_with_rules(std::string_view op_name, const boost::json::value& body,
                                           const points::Rules& rules, std::string_view lang) {
  return call_parsed(op_name, body, &rules, lang);
}

Result<boost::json::value> call_value(std::string_view op_name, const boost::json::value& body, std::string_view lang) {
  return call_parsed(op_name, body, nullptr, lang);
}

}  // namespace clinic
