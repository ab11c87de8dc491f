// The rules for a 就诊人 (a patient a member books and tests for): which fields are
// valid, the relation vocabulary, the age from a birth date and the PIPL art. 31 age
// under which the guardian's consent is the consent. Pure functions (no store, no
// clock: "today" is an argument) so tests/server/patient_rules_test.cpp covers them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "clinic/civil_time.h"

namespace clinic::server {

// PIPL art. 31: personal information of a minor under 14 is processed with the guardian's consent.
inline constexpr int32_t kGuardianConsentAgeYears = 14;
inline constexpr int32_t kMaxPatientAgeYears = 120;
inline constexpr size_t kMaxPatientNameBytes = 64;

// THE relation vocabulary: ids on the wire, labels for the desk page and for messages.
struct RelationInfo {
  std::string_view id, zh, en;
};
inline constexpr RelationInfo kRelations[] = {{"self", "本人", "self"},
                                              {"child", "子女", "child"},
                                              {"parent", "父母", "parent"},
                                              {"spouse", "配偶", "spouse"},
                                              {"other", "其他", "other"}};
const RelationInfo* find_relation(std::string_view id);
// "self, child, parent, spouse, other" (for error messages).
std::string relation_ids();

inline constexpr std::string_view kSexes[] = {"male", "female"};

// The reason a value is refused, in both languages; empty (ok()) when it is valid.
struct FieldProblem {
  std::string zh, en;
  bool ok() const { return zh.empty(); }
};

// Non-empty after trimming spaces, ≤ kMaxPatientNameBytes, valid UTF-8 without control
// characters (C0, DEL, C1), bidirectional overrides/isolates/marks or zero-width characters
// (a name shown to the desk must read as it is stored).
FieldProblem check_patient_name(std::string_view name);
// The name with surrounding ASCII spaces removed (what is stored).
std::string trim_name(std::string_view name);

// A real YYYY-MM-DD date, not after `today`, at most kMaxPatientAgeYears before it.
FieldProblem check_birth_date(std::string_view text, civil::Date today);

// A mainland resident ID (GB 11643-1999): 17 digits + check digit (0-9 or X, ISO 7064 MOD 11-2),
// a real birth date in digits 7-14. Lower-case x is accepted (normalize_id_number upper-cases it).
FieldProblem check_resident_id(std::string_view id);
std::string normalize_id_number(std::string_view id);
// The birth date and sex (odd 17th digit: male) a valid resident ID encodes.
civil::Date resident_id_birth_date(std::string_view id);
std::string_view resident_id_sex(std::string_view id);

// A mainland mobile number after normalize_phone(): 11 digits starting with 1.
FieldProblem check_mobile(std::string_view normalized);

struct Age {
  int32_t years = 0;
  int32_t months = 0;  // whole months since birth (total, not the remainder: 27 for 2 y 3 m)
};
Age age_on(civil::Date birth, civil::Date today);
bool needs_guardian_consent(civil::Date birth, civil::Date today);

}  // namespace clinic::server
