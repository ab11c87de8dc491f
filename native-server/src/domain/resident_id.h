// The mainland resident ID number (GB 11643-1999), checked in one place for every route that
// takes one (profile, 就诊人): 17 digits + a digit or X, a real birth date in characters 7-14
// from 1900-01-01 to today, the ISO 7064 MOD 11-2 check character (tests/server/validate_test.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clinic/civil_time.h"
#include "errors.h"

namespace clinic::server {

// Lower-case x → X; nothing else changes (the check below takes the normalized form).
std::string normalize_id_number(std::string_view id);
// The problem with a normalized ID number (nullopt = a valid number).
std::optional<Text> id_number_problem(std::string_view id, civil::Date today);
// The birth date and sex (odd 17th digit: male) a valid ID number encodes.
civil::Date resident_id_birth_date(std::string_view id);
std::string_view resident_id_sex(std::string_view id);

}  // namespace clinic::server
