#include "validation/validate.h"

#include <charconv>
#include <cstdio>

#include "clinic/civil_time.h"

namespace clinic::server {
namespace {

// Next code point of valid UTF-8 at `i` (advances i); U+FFFD on a broken sequence.
uint32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : -1;
  if (extra < 0 || i + extra >= s.size()) {
    ++i;
    return 0xfffd;
  }
  uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  i += extra + 1;
  return cp;
}

bool is_space(uint32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0xa0 || cp == 0x3000;
}

std::string hex(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

}  // namespace

std::optional<Text> display_text_problem(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = next_code_point(text, i);
    bool control = cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
    bool bidi = cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    if (control || bidi) {
      return Text("不能包含控制字符或文字方向控制符（" + hex(cp) + "）",
                  "must not contain control or bidirectional-override characters (" + hex(cp) + ")");
    }
  }
  return std::nullopt;
}

std::string trim_spaces(std::string_view text) {
  size_t begin = text.size(), end = 0;  // bytes of the first and past the last non-space code point
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    if (!is_space(next_code_point(text, i))) {
      if (begin == text.size()) begin = at;
      end = i;
    }
  }
  return begin < end ? std::string(text.substr(begin, end - begin)) : std::string();
}

std::optional<int64_t> parse_int_strict(std::string_view s, int64_t min, int64_t max) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max) return std::nullopt;
  return v;
}

std::string read_person_name(const JsonReader& obj, std::string_view key, size_t max_bytes) {
  JsonReader f = obj.field(key);
  std::string name = trim_spaces(obj.req_string(key, max_bytes));
  if (!obj.ok()) return {};
  if (name.empty()) {
    f.fail(ErrorCode::invalid_field, "姓名不能为空或只有空格", "the name must not be empty or only spaces");
  } else if (auto bad = display_text_problem(name)) {
    f.fail(ErrorCode::invalid_field, bad->zh, bad->en);
  }
  return name;
}

std::optional<std::string> read_display_text(const JsonReader& obj, std::string_view key, size_t max_bytes) {
  JsonReader f = obj.field(key);
  if (!f.present()) return std::nullopt;
  std::string text = f.as_string(max_bytes);
  if (!obj.ok()) return std::nullopt;
  if (auto bad = display_text_problem(text)) f.fail(ErrorCode::invalid_field, bad->zh, bad->en);
  return text;
}

std::string read_required_string(const JsonReader& obj, std::string_view key, size_t max_bytes) {
  std::string s = obj.req_string(key, max_bytes);
  if (obj.ok() && s.empty()) obj.field(key).fail(ErrorCode::missing_field, "不能为空", "must not be empty");
  return s;
}

std::string read_id_number(const JsonReader& obj, std::string_view key, civil::Date today) {
  std::string id = normalize_id_number(trim_spaces(obj.req_string(key, 32)));
  if (!obj.ok()) return {};
  if (auto bad = id_number_problem(id, today)) obj.field(key).fail(ErrorCode::invalid_field, bad->zh, bad->en);
  return id;
}

void refuse_null(const JsonReader& obj, std::string_view key) {
  const boost::json::value* v = obj.raw();
  const boost::json::object* o = v ? v->if_object() : nullptr;
  const boost::json::value* field = o ? o->if_contains(key) : nullptr;
  if (obj.ok() && field && field->is_null()) {
    obj.field(key).fail(ErrorCode::invalid_field, "不能为 null（不需要时请省略该字段）",
                        "must not be null (leave the field out to use the default)");
  }
}

void check_display_text(std::string_view text, const std::string& field) {
  if (trim_spaces(text).empty())
    throw ApiError("invalid_field", {"不能为空或只有空格", "must not be empty or only spaces"}, field);
  if (auto bad = display_text_problem(text)) throw ApiError("invalid_field", *bad, field);
}

}  // namespace clinic::server
