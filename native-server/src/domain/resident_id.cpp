#include "domain/resident_id.h"

#include <string>

namespace clinic::server {

std::string normalize_id_number(std::string_view id) {
  std::string out(id);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

std::optional<Text> id_number_problem(std::string_view id, civil::Date today) {
  if (id.size() != 18)
    return Text("身份证号应为 18 位（17 位数字加 1 位数字或 X）",
                "an ID number has 18 characters: 17 digits and a digit or X");
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9')
      return Text("身份证号前 17 位应为数字", "the first 17 characters of an ID number are digits");
  }
  if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
    return Text("身份证号最后一位应为数字或 X", "the last character of an ID number is a digit or X");
  std::string date =
      std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" + std::string(id.substr(12, 2));
  std::optional<civil::Date> born = civil::parse_date(date);
  if (!born || born->year < 1900 || civil::days_from_civil(*born) > civil::days_from_civil(today))
    return Text("身份证号中的出生日期（第 7–14 位）不是有效日期",
                "the birth date in the ID number (characters 7–14) is not a real date");
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  static constexpr char kCheck[] = "10X98765432";  // ISO 7064 MOD 11-2
  if (id[17] != kCheck[sum % 11])
    return Text("身份证号校验位不正确，请核对", "the ID number's check character is wrong; please check the number");
  return std::nullopt;
}

civil::Date resident_id_birth_date(std::string_view id) {
  return *civil::parse_date(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                            std::string(id.substr(12, 2)));
}

std::string_view resident_id_sex(std::string_view id) {
  return (id[16] - '0') % 2 == 1 ? "male" : "female";
}

}  // namespace clinic::server
