// Reads a Boost.JSON document into plain structs while tracking the JSON path.
// The first problem met is recorded (code, zh/en message, path); every later read
// on the same ReadContext is a no-op returning a default, so callers read all fields
// straight through and check ctx.ok() once. Never throws.
#pragma once

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"

namespace clinic {

class ReadContext {
 public:
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }
  // Copies rather than moves: the context stays failed and keeps its message.
  Error take_error() const { return *error_; }
  // Records `e` unless an error is already recorded (the first error wins).
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
  }

 private:
  std::optional<Error> error_;
};

// Default bounds for free text; callers pass tighter ones where it matters.
inline constexpr size_t kMaxTextBytes = 4096;

class JsonReader {
 public:
  // `value` may be null (a missing field); `path` is this value's JSONPath.
  JsonReader(const boost::json::value* value, std::string path, ReadContext& ctx)
      : value_(value), path_(std::move(path)), ctx_(&ctx) {}

  bool ok() const { return ctx_->ok(); }
  ReadContext& context() const { return *ctx_; }
  const std::string& path() const { return path_; }
  bool present() const { return value_ != nullptr && !value_->is_null(); }
  const boost::json::value* raw() const { return value_; }

  // Children. Reading a child of a non-object / non-array records an error.
  JsonReader field(std::string_view key) const;
  JsonReader item(size_t index) const;
  std::string field_path(std::string_view key) const;

  // Requires this value to be an object and allows only these keys (typos in
  // rule documents and requests are caught, not ignored).
  bool expect_object(std::initializer_list<std::string_view> allowed_keys) const;
  bool expect_object() const;  // any keys
  // Array size (0 on error); records an error when not an array or too long.
  size_t array_size(size_t max_items) const;
  // Calls f(JsonReader item, size_t index) for each item of this array.
  template <class F>
  void for_each(size_t max_items, F&& f) const {
    size_t n = array_size(max_items);
    for (size_t i = 0; i < n && ok(); ++i) f(item(i), i);
  }
  // Object keys in document order (empty on error).
  std::vector<std::string> keys(size_t max_keys) const;

  // Typed reads of this value. A missing value is an error (missing_field).
  std::string as_string(size_t max_bytes = kMaxTextBytes) const;
  int64_t as_int(int64_t min, int64_t max) const;
  bool as_bool() const;
  // One of the listed words; returns the index in `allowed`.
  size_t as_enum(std::initializer_list<std::string_view> allowed) const;
  template <size_t N>
  size_t as_enum(const std::array<std::string_view, N>& allowed) const {
    return as_enum(allowed.data(), N);
  }
  size_t as_enum(const std::string_view* allowed, size_t count) const;

  // Field conveniences. opt_* return `fallback` when the field is absent or null.
  std::string req_string(std::string_view key, size_t max_bytes = kMaxTextBytes) const;
  std::string opt_string(std::string_view key, std::string fallback, size_t max_bytes = kMaxTextBytes) const;
  int64_t req_int(std::string_view key, int64_t min, int64_t max) const;
  int64_t opt_int(std::string_view key, int64_t fallback, int64_t min, int64_t max) const;
  bool req_bool(std::string_view key) const;
  bool opt_bool(std::string_view key, bool fallback) const;
  // Money in fen: an integer in [0, kMaxFen].
  int64_t req_fen(std::string_view key) const;
  int64_t opt_fen(std::string_view key, int64_t fallback) const;
  // UTC epoch milliseconds within the supported range (years 2000..2199).
  int64_t req_epoch_ms(std::string_view key) const;
  // The clinic's UTC offset in minutes (default +480).
  int32_t opt_utc_offset(std::string_view key) const;

  // Records an invalid_field error at this value's path.
  void fail(std::string zh, std::string en) const;
  void fail(ErrorCode code, std::string zh, std::string en) const;

 private:
  // Where a typed read looks: this value itself, or one field of it. The field's path
  // is only built when an error is reported (leaf reads are the hot path).
  struct Slot {
    const boost::json::value* value;
    std::string_view key;  // empty with is_field == false: this value
    bool is_field;
  };
  Slot self_slot() const { return Slot{value_, {}, false}; }
  Slot field_slot(std::string_view key) const;
  bool slot_present(const Slot& slot) const { return slot.value != nullptr && !slot.value->is_null(); }
  void fail_at(const Slot& slot, ErrorCode code, std::string zh, std::string en) const;
  std::string read_string(const Slot& slot, size_t max_bytes) const;
  int64_t read_int(const Slot& slot, int64_t min, int64_t max) const;
  bool read_bool(const Slot& slot) const;

  const boost::json::value* value_;
  std::string path_;
  ReadContext* ctx_;
};

}  // namespace clinic
