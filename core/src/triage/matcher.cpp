#include "clinic/triage/matcher.h"

#include "clinic/triage/protocol_reader.h"

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
  if (w.size() > 6 && ends("ful")) {  // "painful" -> "pain"
    w.resize(w.size() - 3);
    return w;
  }
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

// Words a patient uses for the same thing: "my knee hurts" is "knee pain", "swollen
// hand" is "hand swelling".
std::string canonical(std::string w) {
  static const char* const kSame[][2] = {
      {"hurt", "pain"}, {"ach", "pain"}, {"sor", "pain"}, {"swollen", "swell"}, {"puk", "vomit"}};
  for (const auto& pair : kSame) {
    if (w == pair[0]) return pair[1];
  }
  return w;
}

// Normalized form: lower-case ASCII words and CJK characters, separated by single spaces.
struct Normalized {
  std::vector<uint32_t> chars;     // lower-cased, punctuation as ' ', spaces collapsed
  std::vector<std::string> stems;  // English content-word stems
  std::vector<uint64_t> bigrams;   // CJK character bigrams
};

Normalized normalize_points(const std::vector<uint32_t>& points) {
  Normalized n;
  std::string word;
  uint32_t prev_cjk = 0;
  auto flush = [&]() {
    if (!word.empty() && !stopword(word)) n.stems.push_back(canonical(stem(word)));
    word.clear();
  };
  for (uint32_t c : points) {
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c == 0x75db) c = 0x75bc;  // 痛 reads as 疼: 肚子痛 = 肚子疼
    if (c == '\'') continue;      // "can't" -> "cant"
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

Normalized normalize(std::string_view text) {
  return normalize_points(code_points(text));
}

// Where `needle` occurs in `hay` (English needles on word boundaries, allowing a short
// inflection tail: "headaches" contains "headache"); npos when it does not.
size_t find(const std::vector<uint32_t>& hay, const std::vector<uint32_t>& needle, size_t from = 0) {
  if (needle.empty() || needle.size() > hay.size()) return std::string::npos;
  bool word_needle = is_word_char(needle.front());
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    if (!std::equal(needle.begin(), needle.end(), hay.begin() + i)) continue;
    if (word_needle) {
      if (i > 0 && is_word_char(hay[i - 1])) continue;
      size_t end = i + needle.size();
      if (end < hay.size() && is_word_char(hay[end]) && is_word_char(needle.back())) {
        size_t tail = 0;
        while (end + tail < hay.size() && is_word_char(hay[end + tail])) ++tail;
        if (tail > 3) continue;
      }
    }
    return i;
  }
  return std::string::npos;
}

// Chinese terms typed loosely: every character of the term in order inside one clause
// (no space or punctuation between), each gap at most kMaxGap characters. Returns the
// total gap, or -1.
constexpr int kMaxGap = 4;
int gapped(const std::vector<uint32_t>& hay, const std::vector<uint32_t>& term, size_t term_from, size_t term_to,
           size_t start, size_t& end) {
  int best = -1;
  for (size_t i = start; i < hay.size(); ++i) {
    if (hay[i] != term[term_from]) continue;
    size_t pos = i;
    int total = 0;
    bool ok = true;
    for (size_t k = term_from + 1; k < term_to && ok; ++k) {
      size_t j = pos + 1;
      int gap = 0;
      while (j < hay.size() && hay[j] != term[k] && hay[j] != ' ' && gap <= kMaxGap) {
        ++j;
        ++gap;
      }
      if (j >= hay.size() || hay[j] != term[k] || gap > kMaxGap) ok = false;
      total += gap;
      pos = j;
    }
    if (ok && (best < 0 || total < best)) {
      best = total;
      end = pos + 1;
    }
  }
  return best;
}

// A term, normalized once.
struct Term {
  std::string text;
  Normalized norm;
  bool cjk = false;
  bool part = false;  // a body-part word: suggests the complaint only at kPartScore
};

// A body part alone ("my elbow", "手") points somewhere, but any symptom word wins.
constexpr int kPartScore = 450;

Term make_term(const std::string& text, bool part = false) {
  Term t{text, normalize(text), false, part};
  t.cjk = !t.norm.chars.empty() && is_cjk(t.norm.chars[0]);
  return t;
}

int term_score_full(const Normalized& text, const Term& term);

int term_score(const Normalized& text, const Term& term) {
  int s = term_score_full(text, term);
  return term.part ? std::min(s, kPartScore) : s;
}

// Cheap test first: a Chinese term with none of its characters in the text, or an
// English term with none of its words, cannot score (most terms, on most calls).
bool may_match(const Normalized& text, const Term& term) {
  if (term.cjk) {
    for (uint32_t c : term.norm.chars) {
      if (is_cjk(c) && std::find(text.chars.begin(), text.chars.end(), c) != text.chars.end()) return true;
    }
    return false;
  }
  for (const std::string& s : term.norm.stems) {
    if (std::find(text.stems.begin(), text.stems.end(), s) != text.stems.end()) return true;
  }
  return term.norm.stems.empty() && find(text.chars, term.norm.chars) != std::string::npos;
}

int term_score_full(const Normalized& text, const Term& term) {
  const Normalized& t = term.norm;
  if (t.chars.empty() || !may_match(text, term)) return 0;
  int length = static_cast<int>(t.chars.size());
  if (find(text.chars, t.chars) != std::string::npos) return 600 + std::min(300, length * (term.cjk ? 60 : 15));
  int best = 0;
  if (!t.stems.empty()) {
    int hit = 0;
    for (const std::string& s : t.stems) hit += std::count(text.stems.begin(), text.stems.end(), s) > 0 ? 1 : 0;
    int total = static_cast<int>(t.stems.size());
    if (hit == total)  // every word present, in any order; more words, more evidence
      best = std::max(best, 560 + std::min(200, 10 * length) + 40 * (total - 1));
    else if (total >= 2)
      best = std::max(best, 450 * hit / total);
  }
  if (!t.bigrams.empty()) {
    int hit = 0;
    for (uint64_t b : t.bigrams) hit += std::count(text.bigrams.begin(), text.bigrams.end(), b) > 0 ? 1 : 0;
    int total = static_cast<int>(t.bigrams.size());
    best = std::max(best, hit == total ? 580 + std::min(200, 50 * total) : 450 * hit / total);
  }
  bool all_cjk = term.cjk && std::all_of(t.chars.begin(), t.chars.end(), is_cjk);
  if (all_cjk && length >= 2 && length <= 6) {
    // In order with small gaps: 肚子突然疼 -> 肚子疼; 尿尿的时候疼 -> 尿疼.
    size_t end = 0;
    int gap = gapped(text.chars, t.chars, 0, t.chars.size(), 0, end);
    if (gap >= 0) best = std::max(best, 560 + std::min(200, 50 * length) - 25 * gap);
    // Halves swapped in one clause: 疼的是肚子 -> 肚子疼 (split after the body part).
    size_t split = length >= 3 ? 2 : 1;
    size_t end2 = 0;
    size_t end1 = 0;
    int g2 = gapped(text.chars, t.chars, split, t.chars.size(), 0, end2);
    if (g2 >= 0) {
      int g1 = gapped(text.chars, t.chars, 0, split, end2, end1);
      if (g1 >= 0) {
        // the gap between the halves, within one clause
        size_t first_start = end1 - split - g1;
        int between = static_cast<int>(first_start) - static_cast<int>(end2);
        bool same_clause = true;
        for (size_t k = end2; k < first_start; ++k) same_clause = same_clause && text.chars[k] != ' ';
        if (same_clause && between <= kMaxGap)
          best = std::max(best, 540 + std::min(200, 50 * length) - 25 * (g1 + g2 + between));
      }
    }
  }
  return best;
}

// Masks each occurrence of the excluded phrases (replaced by spaces).
bool mask(std::vector<uint32_t>& chars, const std::vector<Normalized>& excludes) {
  bool any = false;
  for (const Normalized& e : excludes) {
    for (size_t at = find(chars, e.chars); at != std::string::npos; at = find(chars, e.chars, at + 1)) {
      std::fill(chars.begin() + at, chars.begin() + at + e.chars.size(), ' ');
      any = true;
    }
  }
  return any;
}

}  // namespace

struct MatchIndex::Impl {
  struct Entry {
    const Protocol* protocol;
    std::vector<Term> terms;
    std::vector<Normalized> excludes;
    size_t first_term = 0;  // global number of terms[0]
  };
  std::vector<Entry> entries;
  size_t term_count = 0;
  // Inverted index: which terms hold a Chinese character / an English stem (sorted by
  // key), so a call scores only the terms that share something with the text.
  std::vector<std::pair<uint32_t, uint32_t>> by_char;
  std::vector<std::pair<std::string, uint32_t>> by_stem;
  std::vector<uint32_t> always;

  std::vector<std::pair<uint64_t, uint32_t>> by_bigram;
  std::vector<uint16_t> distinct_chars;  // per term: distinct Chinese characters
  std::vector<uint16_t> distinct_stems;  // per term: distinct English stems
  std::vector<uint32_t> term_entry;      // per term: its entry

  void index_terms() {
    for (Entry& e : entries) {
      e.first_term = term_count;
      for (size_t k = 0; k < e.terms.size(); ++k) {
        uint32_t id = static_cast<uint32_t>(term_count + k);
        const Term& t = e.terms[k];
        std::vector<uint32_t> chars;
        for (uint32_t c : t.norm.chars) {
          if (is_cjk(c)) chars.push_back(c);
        }
        std::sort(chars.begin(), chars.end());
        chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
        for (uint32_t c : chars) by_char.emplace_back(c, id);
        std::vector<std::string> stems = t.norm.stems;
        std::sort(stems.begin(), stems.end());
        stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
        for (const std::string& st : stems) by_stem.emplace_back(st, id);
        for (uint64_t b : t.norm.bigrams) by_bigram.emplace_back(b, id);
        distinct_chars.push_back(static_cast<uint16_t>(chars.size()));
        distinct_stems.push_back(static_cast<uint16_t>(stems.size()));
        term_entry.push_back(static_cast<uint32_t>(&e - entries.data()));
        if (!t.cjk && stems.empty()) always.push_back(id);  // "bit me": stop words only
      }
      term_count += e.terms.size();
    }
    std::sort(by_char.begin(), by_char.end());
    std::sort(by_stem.begin(), by_stem.end());
    std::sort(by_bigram.begin(), by_bigram.end());
    by_bigram.erase(std::unique(by_bigram.begin(), by_bigram.end()), by_bigram.end());
  }

  template <typename Key, typename F>
  static void each(const std::vector<std::pair<Key, uint32_t>>& index, const Key& key, F f) {
    auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(key, uint32_t{0}));
    for (; it != index.end() && it->first == key; ++it) f(it->second);
  }

  // The terms that can score on this text, as sorted ids: every Chinese character present
  // (whole or gapped), a shared character pair (partial), or enough shared English words.
  // Sparse on purpose: a call touches only the posting lists of the text's characters and
  // words, never every term of the catalogue.
  std::vector<uint32_t> candidates(const Normalized& text) const {
    std::vector<uint32_t> marked(always);
    std::vector<uint32_t> hits;  // one id per distinct character / word the term shares
    std::vector<uint32_t> chars;
    for (uint32_t c : text.chars) {
      if (is_cjk(c)) chars.push_back(c);
    }
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    for (uint32_t c : chars) each(by_char, c, [&](uint32_t id) { hits.push_back(id); });
    each_run(hits, [&](uint32_t id, size_t n) {
      if (n == distinct_chars[id]) marked.push_back(id);
    });
    for (uint64_t b : text.bigrams) each(by_bigram, b, [&](uint32_t id) { marked.push_back(id); });
    std::vector<std::string> stems = text.stems;
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    hits.clear();
    for (const std::string& st : stems) each(by_stem, st, [&](uint32_t id) { hits.push_back(id); });
    each_run(hits, [&](uint32_t id, size_t n) {
      // partial English overlap scores 450 * hit / total: worth scoring only above kMinScore
      if (450 * n >= size_t{kMinScore} * distinct_stems[id] || n == distinct_stems[id]) marked.push_back(id);
    });
    std::sort(marked.begin(), marked.end());
    marked.erase(std::unique(marked.begin(), marked.end()), marked.end());
    return marked;
  }

  // Calls f(id, count) once per distinct id of the list (sorted first).
  template <typename F>
  static void each_run(std::vector<uint32_t>& ids, F f) {
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < ids.size();) {
      size_t j = i;
      while (j < ids.size() && ids[j] == ids[i]) ++j;
      f(ids[i], j - i);
      i = j;
    }
  }
};

MatchIndex::MatchIndex(const Catalogue& catalogue) : impl_(std::make_unique<Impl>()) {
  for (const Protocol& p : catalogue.protocols) {
    Impl::Entry e{&p, {}, {}};
    auto add = [&](const std::string& text, bool part) {
      Term t = make_term(text, part);
      for (const Term& seen : e.terms) {
        if (seen.norm.chars == t.norm.chars) return;  // 肚子痛 and 肚子疼 are one term
      }
      e.terms.push_back(std::move(t));
    };
    add(p.name.zh, false);
    add(p.name.en, false);
    for (const std::string& s : p.synonyms_zh) add(s, false);
    for (const std::string& s : p.synonyms_en) add(s, false);
    for (const std::string& s : p.parts_zh) add(s, true);
    for (const std::string& s : p.parts_en) add(s, true);
    for (const std::string& s : p.exclude_zh) e.excludes.push_back(normalize(s));
    for (const std::string& s : p.exclude_en) e.excludes.push_back(normalize(s));
    impl_->entries.push_back(std::move(e));
  }
  impl_->index_terms();
}

MatchIndex::~MatchIndex() = default;

std::vector<Match> MatchIndex::match(std::string_view text, int band_filter, size_t limit, int sex_filter) const {
  Normalized norm = normalize(text);
  const std::vector<uint32_t> marked = impl_->candidates(norm);
  std::vector<Match> out;
  // Ids are numbered entry by entry, so the marked terms of one entry are adjacent.
  for (size_t i = 0; i < marked.size();) {
    const Impl::Entry& e = impl_->entries[impl_->term_entry[marked[i]]];
    size_t end = i;
    while (end < marked.size() && impl_->term_entry[marked[end]] == impl_->term_entry[marked[i]]) ++end;
    const size_t first = i;
    i = end;
    const Protocol& p = *e.protocol;
    if (band_filter >= 0 && (p.bands & (1u << band_filter)) == 0) continue;
    if ((sex_filter == 0 && p.female_only) || (sex_filter == 1 && p.male_only)) continue;
    const Normalized* seen = &norm;
    Normalized masked;
    if (!e.excludes.empty()) {
      std::vector<uint32_t> chars = norm.chars;
      if (mask(chars, e.excludes)) {
        masked = normalize_points(chars);
        seen = &masked;
      }
    }
    Match m{&p, 0, {}};
    int strong = 0;  // terms found whole: several of them are more evidence than one
    for (size_t k = first; k < end; ++k) {
      const Term& t = e.terms[marked[k] - e.first_term];
      int s = term_score(*seen, t);
      if (s >= 600) ++strong;
      if (s > m.score) {
        m.score = s;
        m.matched = t.text;
      }
    }
    if (strong > 1) m.score += std::min(60, 15 * (strong - 1));
    if (m.score >= kMinScore) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.protocol->id < b.protocol->id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<const MatchIndex*> builtin_match_index() {
  auto cat = builtin_catalogue();
  if (!cat.ok()) return cat.take_error();
  static const MatchIndex index(**cat);
  return &index;
}

std::vector<Match> match_complaints(const Catalogue& catalogue, std::string_view text, int band_filter, size_t limit,
                                    int sex_filter) {
  return MatchIndex(catalogue).match(text, band_filter, limit, sex_filter);
}

}  // namespace clinic::triage
