// The rules for a 就诊人 (domain/patient_rules.h): names, birth dates, resident IDs (GB 11643
// check digit), phones, ages in months and the PIPL art. 31 guardian age. No network, no store.
#include <doctest/doctest.h>

#include "config.h"
#include "domain/offline_member_code.h"
#include "domain/patient_rules.h"

using namespace clinic;
using namespace clinic::server;

namespace {
const civil::Date kToday{2026, 12, 2};
}

TEST_CASE("patient names: trimmed, not empty, no control or invisible direction characters") {
  CHECK(check_patient_name("王小明").ok());
  CHECK(check_patient_name("Anna-Lena O'Brien").ok());
  CHECK(trim_name("  王小明 ") == "王小明");
  CHECK(check_patient_name("   ").en == "name must not be empty");
  CHECK_FALSE(check_patient_name("a\tb").ok());
  CHECK_FALSE(check_patient_name("a\x7f").ok());
  CHECK_FALSE(check_patient_name("a\xc2\x85").ok());         // C1 NEL
  CHECK_FALSE(check_patient_name("Bob\xe2\x80\xae").ok());   // U+202E RIGHT-TO-LEFT OVERRIDE
  CHECK_FALSE(check_patient_name("Bob\xe2\x81\xa6x").ok());  // U+2066 LEFT-TO-RIGHT ISOLATE
  CHECK_FALSE(check_patient_name("a\xe2\x80\x8b").ok());     // U+200B ZERO WIDTH SPACE
  CHECK_FALSE(check_patient_name("\xef\xbb\xbfname").ok());  // BOM
  CHECK(check_patient_name("a\xff").en == "name is not valid UTF-8");
  CHECK(check_patient_name("\xc0\xaf").en == "name is not valid UTF-8");  // overlong '/'
  CHECK(check_patient_name(std::string(64, 'x')).ok());
  CHECK_FALSE(check_patient_name(std::string(65, 'x')).ok());
}

TEST_CASE("birth dates: real, not in the future, at most 120 years ago") {
  CHECK(check_birth_date("2026-12-02", kToday).ok());
  CHECK(check_birth_date("2024-02-29", kToday).ok());
  CHECK(check_birth_date("2023-02-29", kToday).en == "birth_date must be a real date YYYY-MM-DD");
  CHECK(check_birth_date("2026-12-03", kToday).en == "birth_date must not be in the future");
  CHECK(check_birth_date("1906-12-02", kToday).ok());
  CHECK(check_birth_date("1906-12-01", kToday).en == "birth_date must be at most 120 years ago");
  CHECK_FALSE(check_birth_date("12/02/2020", kToday).ok());
}

TEST_CASE("resident IDs: 18 characters, GB 11643 check digit, a real birth date inside") {
  // 11010519491231002X is the standard's own example (check digit X).
  CHECK(check_resident_id("11010519491231002X").ok());
  CHECK(check_resident_id("11010519491231002x").ok());
  CHECK(normalize_id_number("11010519491231002x") == "11010519491231002X");
  CHECK(check_resident_id("110105194912310021").en == "id_number check digit is wrong");
  CHECK(check_resident_id("11010519491231002").en == "id_number must be 18 characters: 17 digits, then a digit or X");
  CHECK_FALSE(check_resident_id("1101051949123100AX").ok());
  CHECK(check_resident_id("110105194902300027").en == "the birth date inside id_number is not a real date");
  CHECK(resident_id_birth_date("11010519491231002X") == civil::Date{1949, 12, 31});
  CHECK(resident_id_sex("11010519491231002X") == "female");  // 17th digit 2: even
}

TEST_CASE("mobile numbers: 11 digits starting with 1") {
  CHECK(check_mobile("13912345678").ok());
  CHECK_FALSE(check_mobile("23912345678").ok());
  CHECK_FALSE(check_mobile("1391234567").ok());
}

TEST_CASE("relations come from one list") {
  CHECK(find_relation("child") != nullptr);
  CHECK(find_relation("child")->zh == "子女");
  CHECK(find_relation("cousin") == nullptr);
  CHECK(relation_ids() == "self, child, parent, spouse, other");
}

TEST_CASE("ages in whole months; the guardian consents under 14") {
  CHECK(age_on({2026, 7, 2}, kToday).months == 5);
  CHECK(age_on({2026, 7, 3}, kToday).months == 4);
  CHECK(age_on({2024, 9, 2}, kToday).years == 2);
  CHECK(age_on({2024, 9, 2}, kToday).months == 27);
  CHECK(age_on({2026, 12, 2}, kToday).months == 0);
  // Born on the 31st: the month completes on the last day of a shorter month.
  CHECK(age_on({2026, 1, 31}, civil::Date{2026, 2, 28}).months == 1);
  CHECK(needs_guardian_consent({2012, 12, 3}, kToday));
  CHECK_FALSE(needs_guardian_consent({2012, 12, 2}, kToday));
}

TEST_CASE("offline member codes have the shape <member id>.<8 digits>") {
  CHECK(is_offline_member_code("12.00012345"));
  CHECK_FALSE(is_offline_member_code("12.0001234"));
  CHECK_FALSE(is_offline_member_code("012.00012345"));
  CHECK_FALSE(is_offline_member_code("MC1.12.3.abc"));
  CHECK_FALSE(is_offline_member_code(".00012345"));
  CHECK_FALSE(is_offline_member_code("1a.00012345"));
}

TEST_CASE("max_patients_per_member: 6 by default, 1..50 accepted") {
  const std::vector<std::string> required = {"--wechat-appid=wx1", "--wechat-secret=s"};
  CHECK(load_config(required).max_patients_per_member == 6);
  std::vector<std::string> two = required;
  two.push_back("--max-patients-per-member=2");
  CHECK(load_config(two).max_patients_per_member == 2);
  std::vector<std::string> zero = required;
  zero.push_back("--max-patients-per-member=0");
  CHECK_THROWS_AS(load_config(zero), ConfigError);
}
