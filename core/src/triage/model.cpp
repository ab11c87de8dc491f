#include "clinic/triage/model.h"

namespace clinic::triage {
namespace {

constexpr std::string_view kLevelNames[kLevelCount] = {"self_care", "consultation", "consultation_24", "emergency",
                                                       "emergency_ambulance"};
constexpr std::string_view kBandNames[4] = {"infant", "child", "adult", "older_adult"};
constexpr std::string_view kAnswererNames[kAnswererCount] = {"self", "parent", "relative"};

}  // namespace

std::string_view level_name(Level level) {
  return kLevelNames[static_cast<int>(level)];
}

std::optional<Level> parse_level(std::string_view name) {
  for (int i = 0; i < kLevelCount; ++i) {
    if (kLevelNames[i] == name) return static_cast<Level>(i);
  }
  return std::nullopt;
}

std::string_view band_name(Band band) {
  return kBandNames[static_cast<int>(band)];
}

std::optional<Band> parse_band(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (kBandNames[i] == name) return static_cast<Band>(i);
  }
  return std::nullopt;
}

std::string_view answerer_name(Answerer a) {
  return kAnswererNames[static_cast<int>(a)];
}

std::optional<Answerer> parse_answerer(std::string_view name) {
  for (int i = 0; i < kAnswererCount; ++i) {
    if (kAnswererNames[i] == name) return static_cast<Answerer>(i);
  }
  return std::nullopt;
}

namespace {
bool ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
}  // namespace

std::string rewrite_words(const std::string& text, const std::vector<std::pair<std::string, std::string>>& words) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (i == 0 || !ascii_letter(text[i - 1])) {
      for (const auto& [from, to] : words) {
        size_t end = i + from.size();
        if (text.compare(i, from.size(), from) == 0 && (end >= text.size() || !ascii_letter(text[end]))) {
          out += to;
          i = end;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

const Text& Says::to(Answerer a) const {
  static const int kFallback[kAnswererCount][kAnswererCount] = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}};
  for (int i : kFallback[static_cast<int>(a)]) {
    if (variant[i]) return *variant[i];
  }
  static const Text kEmpty;
  return kEmpty;
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::yes_no:
      return "yes_no";
    case Kind::single:
      return "single";
    case Kind::multi:
      return "multi";
    case Kind::number:
      return "number";
  }
  return "yes_no";
}

Band Patient::band() const {
  if (total_months() < 3) return Band::infant;
  if (age_years < 16) return Band::child;
  if (age_years < 65) return Band::adult;
  return Band::older_adult;
}

int Protocol::question_index(std::string_view qid) const {
  for (size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].id == qid) return static_cast<int>(i);
  }
  return -1;
}

int Protocol::outcome_index(std::string_view oid) const {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].id == oid) return static_cast<int>(i);
  }
  return -1;
}

const Department* Common::department(std::string_view id) const {
  for (const Department& d : departments) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

const Protocol* Catalogue::find(std::string_view id) const {
  for (const Protocol& p : protocols) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace clinic::triage
