#include "domain/patient_rules.h"

namespace clinic::server {
namespace {

// Decodes one UTF-8 code point at `i` (advancing it); -1 on a malformed sequence.
int32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return -1;
  int32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

bool invisible_or_control(int32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)  // C0, DEL, C1
         || cp == 0x061C                          // Arabic letter mark
         || (cp >= 0x200B && cp <= 0x200F)        // zero-width space/joiners, LRM, RLM
         || (cp >= 0x2028 && cp <= 0x202E)        // line/paragraph separators, embeddings, overrides
         || (cp >= 0x2060 && cp <= 0x2069)        // word joiner, invisible operators, isolates
         || cp == 0xFEFF;                         // BOM / zero-width no-break space
}

int digit(char c) {
  return c >= '0' && c <= '9' ? c - '0' : -1;
}

}  // namespace

const RelationInfo* find_relation(std::string_view id) {
  for (const RelationInfo& r : kRelations) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string relation_ids() {
  std::string out;
  for (const RelationInfo& r : kRelations) {
    if (!out.empty()) out += ", ";
    out += r.id;
  }
  return out;
}

std::string trim_name(std::string_view name) {
  size_t b = name.find_first_not_of(' ');
  if (b == std::string_view::npos) return {};
  size_t e = name.find_last_not_of(' ');
  return std::string(name.substr(b, e - b + 1));
}

FieldProblem check_patient_name(std::string_view raw) {
  std::string name = trim_name(raw);
  if (name.empty()) return {"姓名不能为空", "name must not be empty"};
  if (name.size() > kMaxPatientNameBytes) {
    return {"姓名太长（最多 " + std::to_string(kMaxPatientNameBytes) + " 字节）",
            "name is too long (at most " + std::to_string(kMaxPatientNameBytes) + " bytes)"};
  }
  for (size_t i = 0; i < name.size();) {
    int32_t cp = next_code_point(name, i);
    if (cp < 0) return {"姓名不是有效的 UTF-8 文本", "name is not valid UTF-8"};
    if (invisible_or_control(cp)) {
      return {"姓名不能包含控制字符或不可见的方向字符",
              "name must not contain control or invisible direction characters"};
    }
  }
  return {};
}

FieldProblem check_birth_date(std::string_view text, civil::Date today) {
  std::optional<civil::Date> d = civil::parse_date(text);
  if (!d) return {"出生日期应为真实日期 YYYY-MM-DD", "birth_date must be a real date YYYY-MM-DD"};
  int64_t day = civil::days_from_civil(*d), now = civil::days_from_civil(today);
  if (day > now) return {"出生日期不能晚于今天", "birth_date must not be in the future"};
  civil::Date oldest = civil::add_months(today, -12 * kMaxPatientAgeYears);
  if (day < civil::days_from_civil(oldest)) {
    return {"出生日期不能早于 " + std::to_string(kMaxPatientAgeYears) + " 年前",
            "birth_date must be at most " + std::to_string(kMaxPatientAgeYears) + " years ago"};
  }
  return {};
}

std::string normalize_id_number(std::string_view id) {
  std::string out(id);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

FieldProblem check_resident_id(std::string_view raw) {
  std::string id = normalize_id_number(raw);
  FieldProblem shape{"身份证号应为 18 位：17 位数字加 1 位数字或 X",
                     "id_number must be 18 characters: 17 digits, then a digit or X"};
  if (id.size() != 18) return shape;
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (digit(id[i]) < 0) return shape;
    sum += digit(id[i]) * kWeights[i];
  }
  if (digit(id[17]) < 0 && id[17] != 'X') return shape;
  if (!civil::parse_date(id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2))) {
    return {"身份证号中的出生日期无效", "the birth date inside id_number is not a real date"};
  }
  if ("10X98765432"[sum % 11] != id[17]) return {"身份证号校验位不正确", "id_number check digit is wrong"};
  return {};
}

civil::Date resident_id_birth_date(std::string_view id) {
  return *civil::parse_date(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                            std::string(id.substr(12, 2)));
}

std::string_view resident_id_sex(std::string_view id) {
  return digit(id[16]) % 2 == 1 ? "male" : "female";
}

FieldProblem check_mobile(std::string_view p) {
  bool ok = p.size() == 11 && p[0] == '1';
  for (char c : p) ok = ok && digit(c) >= 0;
  if (!ok) return {"手机号应为 11 位数字，以 1 开头", "phone must be 11 digits starting with 1"};
  return {};
}

Age age_on(civil::Date birth, civil::Date today) {
  int32_t months = (today.year - birth.year) * 12 + (today.month - birth.month);
  // Not yet the day of the month: the last month is not complete (a birthday on the 31st
  // completes its month on the last day of a shorter month).
  int32_t last_day = civil::days_in_month(today.year, today.month);
  if (today.day < birth.day && today.day < last_day) --months;
  if (months < 0) months = 0;
  return Age{months / 12, months};
}

bool needs_guardian_consent(civil::Date birth, civil::Date today) {
  return age_on(birth, today).years < kGuardianConsentAgeYears;
}

}  // namespace clinic::server
