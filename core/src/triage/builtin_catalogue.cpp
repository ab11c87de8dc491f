// Parses and validates the embedded protocol documents once.
#include <boost/json.hpp>

#include <algorithm>
#include <string>

#include "clinic/triage/protocol_reader.h"
#include "triage/embedded_files.h"

namespace clinic::triage {
namespace {

struct Loaded {
  Catalogue catalogue;
  std::optional<Error> error;
};

Loaded load() {
  Loaded out;
  const EmbeddedFile* common_file = nullptr;
  for (size_t i = 0; i < kEmbeddedFileCount; ++i) {
    if (std::string_view(kEmbeddedFiles[i].name) == "_common.json") common_file = &kEmbeddedFiles[i];
  }
  auto fail = [&](Error e, std::string_view file) {
    e.message_zh = "内置分诊协议 " + std::string(file) + " 无效：" + e.message_zh;
    e.message_en = "built-in triage protocol " + std::string(file) + " is invalid: " + e.message_en;
    e.code = ErrorCode::internal;
    out.error = std::move(e);
  };
  if (!common_file) {
    out.error = make_error(ErrorCode::internal, "缺少 _common.json", "_common.json is missing");
    return out;
  }
  boost::json::parse_options opts;
  opts.max_depth = 64;
  {
    boost::json::error_code ec;
    boost::json::value doc = boost::json::parse(common_file->text, ec, {}, opts);
    if (ec) {
      fail(make_error(ErrorCode::bad_json, "JSON 语法错误", "bad JSON"), common_file->name);
      return out;
    }
    ReadContext ctx;
    auto common = read_common(JsonReader(&doc, "$", ctx));
    if (!common) {
      fail(ctx.take_error(), common_file->name);
      return out;
    }
    out.catalogue.common = std::move(*common);
  }
  for (size_t i = 0; i < kEmbeddedFileCount; ++i) {
    const EmbeddedFile& f = kEmbeddedFiles[i];
    if (&f == common_file) continue;
    boost::json::error_code ec;
    boost::json::value doc = boost::json::parse(f.text, ec, {}, opts);
    if (ec) {
      fail(make_error(ErrorCode::bad_json, "JSON 语法错误", "bad JSON"), f.name);
      return out;
    }
    ReadContext ctx;
    auto protocol = read_protocol(JsonReader(&doc, "$", ctx), out.catalogue.common);
    if (!protocol) {
      fail(ctx.take_error(), f.name);
      return out;
    }
    if (protocol->id + ".json" != f.name) {
      fail(make_error(ErrorCode::invalid_rules, "文件名应为 id.json", "file name must be <id>.json", "$.id"), f.name);
      return out;
    }
    out.catalogue.protocols.push_back(std::move(*protocol));
  }
  std::sort(out.catalogue.protocols.begin(), out.catalogue.protocols.end(),
            [](const Protocol& a, const Protocol& b) { return a.id < b.id; });
  return out;
}

}  // namespace

Result<const Catalogue*> builtin_catalogue() {
  static const Loaded loaded = load();
  if (loaded.error) return *loaded.error;
  return &loaded.catalogue;
}

}  // namespace clinic::triage
