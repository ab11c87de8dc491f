#include "clinic/json_reader.h"

#include <boost/json/object.hpp>

#include <cmath>

#include "clinic/civil_time.h"
#include "clinic/money.h"

namespace clinic {
namespace {

// Keys are written as .key when they are plain identifiers, else ["key"].
bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string type_name_zh(const boost::json::value* v) {
  if (!v) return "缺失";
  switch (v->kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "布尔值";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "整数";
    case boost::json::kind::double_:
      return "小数";
    case boost::json::kind::string:
      return "字符串";
    case boost::json::kind::array:
      return "数组";
    case boost::json::kind::object:
      return "对象";
  }
  return "?";
}

std::string type_name_en(const boost::json::value* v) {
  if (!v) return "nothing";
  switch (v->kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "an integer";
    case boost::json::kind::double_:
      return "a decimal number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "?";
}

}  // namespace

std::string JsonReader::field_path(std::string_view key) const {
  if (is_plain_key(key)) return path_ + "." + std::string(key);
  std::string quoted = "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return path_ + quoted + "\"]";
}

void JsonReader::fail(std::string zh, std::string en) const {
  fail(ErrorCode::invalid_field, std::move(zh), std::move(en));
}

void JsonReader::fail(ErrorCode code, std::string zh, std::string en) const {
  ctx_->fail(make_error(code, std::move(zh), std::move(en), path_));
}

JsonReader JsonReader::field(std::string_view key) const {
  std::string child_path = field_path(key);
  if (!ok() || !present()) return JsonReader(nullptr, std::move(child_path), *ctx_);
  const boost::json::object* obj = value_->if_object();
  if (!obj) {
    fail("应为对象，实际为" + type_name_zh(value_), "expected an object, got " + type_name_en(value_));
    return JsonReader(nullptr, std::move(child_path), *ctx_);
  }
  return JsonReader(obj->if_contains(key), std::move(child_path), *ctx_);
}

JsonReader JsonReader::item(size_t index) const {
  std::string child_path = path_ + "[" + std::to_string(index) + "]";
  const boost::json::array* arr = (ok() && present()) ? value_->if_array() : nullptr;
  const boost::json::value* child = (arr && index < arr->size()) ? &(*arr)[index] : nullptr;
  return JsonReader(child, std::move(child_path), *ctx_);
}

bool JsonReader::expect_object() const {
  if (!ok()) return false;
  if (!present()) {
    fail(ErrorCode::missing_field, "缺少必填对象", "required object is missing");
    return false;
  }
  if (!value_->is_object()) {
    fail("应为对象，实际为" + type_name_zh(value_), "expected an object, got " + type_name_en(value_));
    return false;
  }
  return true;
}

bool JsonReader::expect_object(std::initializer_list<std::string_view> allowed_keys) const {
  if (!expect_object()) return false;
  for (const auto& kv : value_->get_object()) {
    bool known = false;
    for (std::string_view k : allowed_keys) known = known || kv.key() == k;
    if (!known) {
      ctx_->fail(make_error(ErrorCode::invalid_field, "未知字段", "unknown field", field_path(kv.key())));
      return false;
    }
  }
  return true;
}

size_t JsonReader::array_size(size_t max_items) const {
  if (!ok()) return 0;
  if (!present()) {
    fail(ErrorCode::missing_field, "缺少必填数组", "required array is missing");
    return 0;
  }
  const boost::json::array* arr = value_->if_array();
  if (!arr) {
    fail("应为数组，实际为" + type_name_zh(value_), "expected an array, got " + type_name_en(value_));
    return 0;
  }
  if (arr->size() > max_items) {
    fail(ErrorCode::too_large, "数组最多 " + std::to_string(max_items) + " 项",
         "array holds at most " + std::to_string(max_items) + " items");
    return 0;
  }
  return arr->size();
}

std::vector<std::string> JsonReader::keys(size_t max_keys) const {
  std::vector<std::string> out;
  if (!expect_object()) return out;
  const auto& obj = value_->get_object();
  if (obj.size() > max_keys) {
    fail(ErrorCode::too_large, "对象最多 " + std::to_string(max_keys) + " 个字段",
         "object holds at most " + std::to_string(max_keys) + " fields");
    return out;
  }
  for (const auto& kv : obj) out.emplace_back(kv.key());
  return out;
}

JsonReader::Slot JsonReader::field_slot(std::string_view key) const {
  if (!ok() || !present()) return Slot{nullptr, key, true};
  const boost::json::object* obj = value_->if_object();
  if (!obj) {
    fail("应为对象，实际为" + type_name_zh(value_), "expected an object, got " + type_name_en(value_));
    return Slot{nullptr, key, true};
  }
  return Slot{obj->if_contains(key), key, true};
}

void JsonReader::fail_at(const Slot& slot, ErrorCode code, std::string zh, std::string en) const {
  ctx_->fail(make_error(code, std::move(zh), std::move(en), slot.is_field ? field_path(slot.key) : path_));
}

std::string JsonReader::read_string(const Slot& slot, size_t max_bytes) const {
  if (!ok()) return {};
  if (!slot_present(slot)) {
    fail_at(slot, ErrorCode::missing_field, "缺少必填字段（字符串）", "required field is missing (a string)");
    return {};
  }
  const boost::json::string* s = slot.value->if_string();
  if (!s) {
    fail_at(slot, ErrorCode::invalid_field, "应为字符串，实际为" + type_name_zh(slot.value),
            "expected a string, got " + type_name_en(slot.value));
    return {};
  }
  if (s->size() > max_bytes) {
    fail_at(slot, ErrorCode::invalid_field, "文本过长（最多 " + std::to_string(max_bytes) + " 字节）",
            "text too long (at most " + std::to_string(max_bytes) + " bytes)");
    return {};
  }
  return std::string(s->data(), s->size());
}

int64_t JsonReader::read_int(const Slot& slot, int64_t min, int64_t max) const {
  if (!ok()) return min;
  if (!slot_present(slot)) {
    fail_at(slot, ErrorCode::missing_field, "缺少必填字段（整数）", "required field is missing (an integer)");
    return min;
  }
  const int64_t* i = slot.value->if_int64();
  if (i && *i >= min && *i <= max) return *i;  // the hot path builds no strings
  std::string range_zh = "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数";
  std::string range_en = "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (i) {
    fail_at(slot, ErrorCode::invalid_field, range_zh + "，实际为 " + std::to_string(*i),
            range_en + ", got " + std::to_string(*i));
    return min;
  }
  const double* d = slot.value->if_double();
  // Integers beyond uint64 parse as doubles: call them too large, not decimals.
  if (slot.value->is_uint64() || (d && std::isfinite(*d) && std::trunc(*d) == *d)) {
    fail_at(slot, ErrorCode::invalid_field, range_zh + "（数值超出范围）", range_en + " (number out of range)");
    return min;
  }
  fail_at(slot, ErrorCode::invalid_field, range_zh + "，实际为" + type_name_zh(slot.value),
          range_en + ", got " + type_name_en(slot.value));
  return min;
}

bool JsonReader::read_bool(const Slot& slot) const {
  if (!ok()) return false;
  if (!slot_present(slot)) {
    fail_at(slot, ErrorCode::missing_field, "缺少必填字段（布尔值）", "required field is missing (a boolean)");
    return false;
  }
  const bool* b = slot.value->if_bool();
  if (!b) {
    fail_at(slot, ErrorCode::invalid_field, "应为 true 或 false，实际为" + type_name_zh(slot.value),
            "expected true or false, got " + type_name_en(slot.value));
    return false;
  }
  return *b;
}

std::string JsonReader::as_string(size_t max_bytes) const {
  return read_string(self_slot(), max_bytes);
}
int64_t JsonReader::as_int(int64_t min, int64_t max) const {
  return read_int(self_slot(), min, max);
}
bool JsonReader::as_bool() const {
  return read_bool(self_slot());
}

size_t JsonReader::as_enum(std::initializer_list<std::string_view> allowed) const {
  return as_enum(allowed.begin(), allowed.size());
}

size_t JsonReader::as_enum(const std::string_view* allowed, size_t count) const {
  std::string s = as_string(256);
  if (!ok()) return 0;
  std::string list;
  for (size_t i = 0; i < count; ++i) {
    if (s == allowed[i]) return i;
    list += (i ? ", " : "") + std::string(allowed[i]);
  }
  fail("取值无效，可选：" + list, "invalid value, expected one of: " + list);
  return 0;
}

std::string JsonReader::req_string(std::string_view key, size_t max_bytes) const {
  return read_string(field_slot(key), max_bytes);
}

std::string JsonReader::opt_string(std::string_view key, std::string fallback, size_t max_bytes) const {
  Slot slot = field_slot(key);
  return slot_present(slot) ? read_string(slot, max_bytes) : fallback;
}

int64_t JsonReader::req_int(std::string_view key, int64_t min, int64_t max) const {
  return read_int(field_slot(key), min, max);
}

int64_t JsonReader::opt_int(std::string_view key, int64_t fallback, int64_t min, int64_t max) const {
  Slot slot = field_slot(key);
  return slot_present(slot) ? read_int(slot, min, max) : fallback;
}

bool JsonReader::req_bool(std::string_view key) const {
  return read_bool(field_slot(key));
}

bool JsonReader::opt_bool(std::string_view key, bool fallback) const {
  Slot slot = field_slot(key);
  return slot_present(slot) ? read_bool(slot) : fallback;
}

int64_t JsonReader::req_fen(std::string_view key) const {
  return req_int(key, 0, money::kMaxFen);
}

int64_t JsonReader::opt_fen(std::string_view key, int64_t fallback) const {
  return opt_int(key, fallback, 0, money::kMaxFen);
}

int64_t JsonReader::req_epoch_ms(std::string_view key) const {
  return req_int(key, civil::kMinEpochMs, civil::kMaxEpochMs - 1);
}

int32_t JsonReader::opt_utc_offset(std::string_view key) const {
  return static_cast<int32_t>(
      opt_int(key, civil::kDefaultUtcOffsetMinutes, civil::kMinUtcOffsetMin, civil::kMaxUtcOffsetMin));
}

}  // namespace clinic
