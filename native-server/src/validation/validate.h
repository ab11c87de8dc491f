// Input validation the server does beyond the core's JsonReader types and ranges, in one
// place (tests/server/validate_test.cpp): text people see (names, usernames) without control
// or bidi characters, names not blank, the 18-digit resident ID number (GB 11643: format, a
// real birth date, ISO 7064 MOD 11-2 check digit), strict integers in query strings, and an
// explicit `null` refused where a default would otherwise apply.
// The pure checks return the problem (nullopt = fine); the read_* helpers record it on the
// JsonReader (field path, zh/en), so a route still throws the first error with done().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "clinic/civil_time.h"
#include "clinic/json_reader.h"
#include "domain/resident_id.h"
#include "errors.h"

namespace clinic::server {

// Control characters (U+0000–U+001F, U+007F–U+009F) and bidi controls (U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069) — they hide or reorder text on the desk's screen and in logs.
// `text` is UTF-8 (Boost.JSON has validated it).
std::optional<Text> display_text_problem(std::string_view text);
// `text` without leading/trailing white space (ASCII, NBSP U+00A0, ideographic space U+3000).
std::string trim_spaces(std::string_view text);
// The whole of `s` as a decimal integer in [min, max] (no sign games, no trailing bytes).
std::optional<int64_t> parse_int_strict(std::string_view s, int64_t min, int64_t max);

// A person's name at `key`: required, trimmed, not blank, no control/bidi characters.
std::string read_person_name(const JsonReader& obj, std::string_view key, size_t max_bytes = 64);
// Optional display text at `key` (nullopt when absent): no control/bidi characters.
std::optional<std::string> read_display_text(const JsonReader& obj, std::string_view key, size_t max_bytes);
// A required, non-empty string at `key` (e.g. a WeChat code): "" is missing_field at $.key.
std::string read_required_string(const JsonReader& obj, std::string_view key, size_t max_bytes);
// The resident ID number at `key`, normalized (x → X), checked against `today`.
std::string read_id_number(const JsonReader& obj, std::string_view key, civil::Date today);
// Fails when `key` is present with the value null (absent is fine: the caller's default).
void refuse_null(const JsonReader& obj, std::string_view key);
// Throws invalid_field at `field` when `text` has control/bidi characters or is blank.
void check_display_text(std::string_view text, const std::string& field);

}  // namespace clinic::server
