#include "clinic/triage/matcher.h"

#include <algorithm>
#include <cstdint>

namespace clinic::triage {
namespace {

constexpr int kMinScore = 250;

// Decodes UTF-8 leniently (invalid bytes are skipped): matching needs no strictness.
std::vector<uint32_t> code_points(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      ++i;
      continue;
    }
    uint32_t c = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(c);
    i += n;
  }
  return out;
}

bool is_cjk(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}
bool is_word_char(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool stopword(const std::string& w) {
  static const char* const kStop[] = {
      "a",   "an",  "the", "i",   "my",  "me",   "have", "has",  "had",   "is",    "am",   "are",    "and",  "or",
      "of",  "in",  "on",  "at",  "to",  "with", "it",   "been", "for",   "since", "very", "really", "bit",  "some",
      "got", "get", "im",  "ive", "was", "be",   "like", "from", "after", "this",  "that", "day",    "days", "bad"};
  for (const char* s : kStop) {
    if (w == s) return true;
  }
  return false;
}

std::string stem(std::string w) {
  auto ends = [&](std::string_view suf) {
    return w.size() > suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (w.size() > 5 && ends("ing"))
    w.resize(w.size() - 3);
  else if (w.size() > 4 && ends("ed"))
    w.resize(w.size() - 2);
  else if (w.size() > 4 && ends("es"))
    w.resize(w.size() - 2);
  else if (w.size() > 3 && ends("s") && !ends("ss"))
    w.resize(w.size() - 1);
  if (w.size() > 3 && ends("e")) w.resize(w.size() - 1);
  return w;
}

// Normalized form: lower-case ASCII words and CJK characters, separated by single spaces.
struct Normalized {
  std::vector<uint32_t> chars;     // lower-cased, punctuation as ' ', spaces collapsed
  std::vector<std::string> stems;  // English content-word stems
  std::vector<uint64_t> bigrams;   // CJK character bigrams
};

Normalized normalize(std::string_view text) {
  Normalized n;
  std::string word;
  uint32_t prev_cjk = 0;
  auto flush = [&]() {
    if (!word.empty() && !stopword(word)) n.stems.push_back(stem(word));
    word.clear();
  };
  for (uint32_t c : code_points(text)) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c == '\'') continue;  // "can't" -> "cant"
    bool keep = is_word_char(c) || is_cjk(c);
    if (!keep) c = ' ';
    if (c == ' ' && (n.chars.empty() || n.chars.back() == ' ')) {
      flush();
      prev_cjk = 0;
      continue;
    }
    n.chars.push_back(c);
    if (is_word_char(c)) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
    if (is_cjk(c)) {
      if (prev_cjk) n.bigrams.push_back((static_cast<uint64_t>(prev_cjk) << 32) | c);
      prev_cjk = c;
    } else {
      prev_cjk = 0;
    }
  }
  flush();
  while (!n.chars.empty() && n.chars.back() == ' ') n.chars.pop_back();
  return n;
}

bool contains(const std::vector<uint32_t>& hay, const std::vector<uint32_t>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  // English needles must sit on word boundaries ("ear" is not in "fear").
  bool word_needle = is_word_char(needle.front());
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (!std::equal(needle.begin(), needle.end(), hay.begin() + i)) continue;
    if (word_needle) {
      if (i > 0 && is_word_char(hay[i - 1])) continue;
      size_t end = i + needle.size();
      if (end < hay.size() && is_word_char(hay[end]) && is_word_char(needle.back())) {
        // allow plural/inflection tails: "headaches" contains "headache"
        size_t tail = 0;
        while (end + tail < hay.size() && is_word_char(hay[end + tail])) ++tail;
        if (tail > 3) continue;
      }
    }
    return true;
  }
  return false;
}

int term_score(const Normalized& text, const std::string& term) {
  Normalized t = normalize(term);
  if (t.chars.empty()) return 0;
  int length = static_cast<int>(t.chars.size());
  if (contains(text.chars, t.chars)) return 600 + std::min(300, length * (is_cjk(t.chars[0]) ? 60 : 15));
  int best = 0;
  if (!t.stems.empty()) {
    int hit = 0;
    for (const std::string& s : t.stems) hit += std::count(text.stems.begin(), text.stems.end(), s) > 0 ? 1 : 0;
    int total = static_cast<int>(t.stems.size());
    if (hit == total)
      best = std::max(best, 560 + std::min(200, 10 * length));
    else if (total >= 2)
      best = std::max(best, 450 * hit / total);
  }
  if (!t.bigrams.empty()) {
    int hit = 0;
    for (uint64_t b : t.bigrams) hit += std::count(text.bigrams.begin(), text.bigrams.end(), b) > 0 ? 1 : 0;
    int total = static_cast<int>(t.bigrams.size());
    best = std::max(best, hit == total ? 580 + std::min(200, 50 * total) : 450 * hit / total);
  }
  return best;
}

}  // namespace

std::vector<Match> match_complaints(const Catalogue& catalogue, std::string_view text, int band_filter, size_t limit,
                                    int sex_filter) {
  Normalized norm = normalize(text);
  std::vector<Match> out;
  for (const Protocol& p : catalogue.protocols) {
    if (band_filter >= 0 && (p.bands & (1u << band_filter)) == 0) continue;
    if ((sex_filter == 0 && p.female_only) || (sex_filter == 1 && p.male_only)) continue;
    Match m{&p, 0, {}};
    auto consider = [&](const std::string& term) {
      int s = term_score(norm, term);
      if (s > m.score) {
        m.score = s;
        m.matched = term;
      }
    };
    consider(p.name.zh);
    consider(p.name.en);
    for (const std::string& s : p.synonyms_zh) consider(s);
    for (const std::string& s : p.synonyms_en) consider(s);
    if (m.score >= kMinScore) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.protocol->id < b.protocol->id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace clinic::triage
