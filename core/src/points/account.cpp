// The account fold: one ledger entry at a time, the same rules as the ledger replay
// (ledger.cpp: FIFO lots, releases and expiries in time order, reversal of spent points
// becoming debt), the cap counters (earning.cpp), the check-in run and month calendar, the
// badges held, referral rewards per campaign month (referral.cpp) and the tier machine
// (account_tier.cpp). Closed lots leave the account; what a later refund needs about them
// comes from the LedgerIndex (the entry itself, whether it was reversed, what expired).
#include <algorithm>
#include <iterator>
#include <set>

#include "account_internal.h"
#include "clinic/civil_time.h"
#include "clinic/points/account.h"

namespace clinic::points {
namespace {

class Folder {
 public:
  Folder(Account& a, const Rules& rules, const LedgerIndex& index, LotFates* fates)
      : a_(a), rules_(rules), index_(index), fates_(fates) {}

  void entry(const Entry& e) {
    advance_to(a_, e.at_ms, fates_);
    a_.credit_fen += e.credit_fen;
    switch (e.kind) {
      case EntryKind::earn:
      case EntryKind::rebate:
        if (e.points > 0) {
          a_.lifetime_earned += e.points;
          credit(e.id, e.points, e.at_ms, e.available_at_ms, e.expires_at_ms);
        } else if (e.points < 0) {
          spend(e.id, -e.points);
        }
        break;
      case EntryKind::spend:
        if (e.points < 0) spend(e.id, -e.points);
        if (e.points > 0) credit(e.id, e.points, e.at_ms, e.at_ms, e.expires_at_ms);
        break;
      case EntryKind::reverse: {
        const Entry* target = index_.entry(e.reverses);
        if (!target) {
          // Unknown target: apply the signed amount as it stands so nothing is lost.
          if (e.points > 0) credit(e.id, e.points, e.at_ms, e.at_ms, 0);
          if (e.points < 0) spend(e.id, -e.points);
        } else {
          undo(*target, e);
          unaggregate(*target, e);
        }
        break;
      }
    }
    aggregate(e);
    a_.last_entry_id = e.id;
    a_.rule_version = e.rule_version.empty() ? a_.rule_version : e.rule_version;
    ++a_.entries;
  }

  // The first spend reversed whose takes the account did not hold (empty: none).
  const std::string& missing_takes() const { return missing_takes_; }

 private:
  // Expired points of a closed lot: what the caller kept plus what this fold added.
  int64_t fate(const std::string& id) const {
    int64_t x = index_.expired(id);
    if (fates_) {
      auto it = fates_->find(id);
      if (it != fates_->end()) x += it->second;
    }
    return x;
  }

  void credit(const std::string& id, int64_t points, int64_t at, int64_t available_at, int64_t expires_at) {
    // The new lot joins the chunk of its seq: decoded whole.
    thaw_lots(a_, a_.next_seq / kLotsPerChunk);
    AccountLot lot;
    lot.entry_id = id;
    lot.seq = a_.next_seq++;
    lot.original = lot.remaining = points;
    lot.available_at_ms = std::max(available_at, at);
    lot.expires_at_ms = expires_at;
    a_.lots.push_back(lot);
    size_t k = a_.lots.size() - 1;
    if (a_.lots[k].available_at_ms <= at) release_lot(a_, k);
    if (expires_at > 0 && expires_at <= at) {
      expire_lot(a_, k, fates_);
    } else {
      drop_if_closed(a_, k);
    }
  }

  void spend(const std::string& id, int64_t need) {
    thaw_all_lots(a_);  // FIFO over every lot
    AccountSpend s;
    s.entry_id = id;
    for (size_t k = 0; k < a_.lots.size() && need > 0;) {
      AccountLot& lot = a_.lots[k];
      if (!lot.released || lot.remaining == 0) {
        ++k;
        continue;
      }
      int64_t t = std::min(need, lot.remaining);
      lot.remaining -= t;
      need -= t;
      s.takes.push_back(AccountTake{lot.entry_id, lot.seq, t, lot.original, lot.expires_at_ms});
      if (!drop_if_closed(a_, k)) ++k;
    }
    if (need > 0) {
      a_.debt += need;
      s.takes.push_back(AccountTake{"", -1, need, 0, 0});
    }
    a_.spends.push_back(std::move(s));
  }

  // Gives `take.amount` back where a reversed spend took it from.
  void restore(const AccountTake& take, const Entry& self) {
    thaw_all_lots(a_);
    // A source credit reversed since the spend turned its spent part into debt.
    if (take.lot_seq >= 0 && !index_.reversed(take.lot_entry_id)) {
      for (AccountLot& lot : a_.lots) {
        if (lot.seq == take.lot_seq) {
          lot.remaining += take.amount;
          return;
        }
      }
      bool expired = take.lot_expires_at_ms > 0 && take.lot_expires_at_ms <= a_.clock_ms;
      if (expired) {  // it would have expired with its lot
        a_.expired += take.amount;
        if (fates_) (*fates_)[take.lot_entry_id] += take.amount;
        return;
      }
      // A lot spent down to zero comes back to life in its FIFO place.
      AccountLot lot;
      lot.entry_id = take.lot_entry_id;
      lot.seq = take.lot_seq;
      lot.original = take.lot_original;
      lot.remaining = take.amount;
      lot.expires_at_ms = take.lot_expires_at_ms;
      lot.released = true;  // available_at_ms 0
      auto pos = std::lower_bound(a_.lots.begin(), a_.lots.end(), lot.seq,
                                  [](const AccountLot& l, int64_t seq) { return l.seq < seq; });
      a_.lots.insert(pos, std::move(lot));
      return;
    }
    // Taken from a lot since reversed (its spent part became debt) or from debt itself.
    int64_t pay = std::min(a_.debt, take.amount);
    a_.debt -= pay;
    if (take.amount > pay) {
      int64_t expires = take.lot_seq >= 0 ? take.lot_expires_at_ms : 0;
      credit(self.id, take.amount - pay, a_.clock_ms, a_.clock_ms, expires);
    }
  }

  // A debit the fold recorded takes for (spend() above; a reverse entry records them only when
  // its target was unknown, and no op reverses a reverse entry).
  static bool takes_points(const Entry& t) { return t.points < 0 && t.kind != EntryKind::reverse; }

  static bool makes_lot(const Entry& t) {
    return t.points > 0 && (t.kind == EntryKind::earn || t.kind == EntryKind::rebate || t.kind == EntryKind::spend);
  }

  void undo(const Entry& t, const Entry& self) {
    thaw_all_lots(a_);
    auto live = std::find_if(a_.lots.begin(), a_.lots.end(), [&](const AccountLot& l) { return l.entry_id == t.id; });
    if (live != a_.lots.end() || (makes_lot(t) && !index_.reversed(t.id))) {
      int64_t consumed = 0;
      if (live != a_.lots.end()) {
        consumed = live->original - live->remaining;
        a_.lots.erase(live);
      } else {
        int64_t x = fate(t.id);
        consumed = t.points - x;
        a_.expired -= x;
      }
      if (t.kind == EntryKind::earn || t.kind == EntryKind::rebate) a_.lifetime_earned -= t.points;
      a_.debt += consumed;
      // Debt is paid from the oldest available credit right away.
      for (size_t k = 0; k < a_.lots.size() && a_.debt > 0;) {
        AccountLot& other = a_.lots[k];
        if (other.released && other.remaining > 0) {
          int64_t pay = std::min(a_.debt, other.remaining);
          other.remaining -= pay;
          a_.debt -= pay;
        }
        if (!drop_if_closed(a_, k)) ++k;
      }
      return;
    }
    if (makes_lot(t)) return;  // already reversed
    auto s =
        std::find_if(a_.spends.begin(), a_.spends.end(), [&](const AccountSpend& x) { return x.entry_id == t.id; });
    if (s == a_.spends.end()) {
      // A spend not reversed before took points: its takes were not given.
      if (takes_points(t) && !index_.reversed(t.id) && missing_takes_.empty()) missing_takes_ = t.id;
      return;
    }
    std::vector<AccountTake> takes = std::move(s->takes);
    a_.spends.erase(s);
    for (const AccountTake& take : takes) restore(take, self);
  }

  // Cap counters, check-in run, month calendar, badges, campaign usage, tier window.
  void aggregate(const Entry& e) {
    int32_t off = a_.utc_offset_min;
    int64_t day = civil::local_day(e.at_ms, off);
    int64_t month = civil::month_index(civil::local_date(e.at_ms, off));
    if (e.kind == EntryKind::earn) {
      CapCounter& c = a_.caps[e.event_type];
      if (day > c.day) c.day = day, c.day_points = 0;
      if (day == c.day) c.day_points += e.points;
      if (month > c.month) c.month = month, c.month_points = 0;
      if (month == c.month) c.month_points += e.points;
      if (e.points > 0) ++c.positive_count;
      if (e.event_type == "daily_checkin") {
        if (a_.streak_end < a_.streak_start || day > a_.streak_end + 1) {
          a_.streak_start = a_.streak_end = day;
        } else if (day == a_.streak_end + 1) {
          a_.streak_end = day;
        }
        if (month > a_.month) a_.month = month, a_.month_days = 0;
        if (month == a_.month) a_.month_days |= 1u << (civil::local_date(e.at_ms, off).day - 1);
      }
      if (e.points > 0) tier_contribute(a_, rules_, e.at_ms, e.at_ms, e.points);
    }
    if (e.kind != EntryKind::reverse && !e.badge.empty()) {
      auto pos = std::lower_bound(a_.badges.begin(), a_.badges.end(), e.badge);
      if (pos == a_.badges.end() || *pos != e.badge) a_.badges.insert(pos, e.badge);
    }
    // Campaign usage of past months decides nothing any more (questions come at or after the
    // newest entry): dropped, so the map holds this month's campaigns only.
    for (auto it = a_.campaigns.begin(); it != a_.campaigns.end();) {
      it = it->second.month < month ? a_.campaigns.erase(it) : std::next(it);
    }
    if (e.kind != EntryKind::reverse && e.event_type == "referral_reward") {
      CampaignUsage& u = a_.campaigns[e.campaign_id];
      if (month > u.month) u.month = month, u.used = 0;
      if (month == u.month) u.used += e.points + e.credit_fen;
    }
  }

  // What the reversal of `t` (by reverse entry r) takes out of the aggregates.
  void unaggregate(const Entry& t, const Entry& r) {
    int32_t off = a_.utc_offset_min;
    int64_t day = civil::local_day(t.at_ms, off);
    int64_t month = civil::month_index(civil::local_date(t.at_ms, off));
    if (t.kind == EntryKind::earn) {
      CapCounter& c = a_.caps[t.event_type];
      if (day == c.day) c.day_points -= t.points;
      if (month == c.month) c.month_points -= t.points;
      if (t.points > 0) --c.positive_count;
      if (t.event_type == "daily_checkin") {
        if (day == a_.streak_end) {
          --a_.streak_end;
        } else if (day >= a_.streak_start && day < a_.streak_end) {
          a_.streak_start = day + 1;
        }
        if (month == a_.month) a_.month_days &= ~(1u << (civil::local_date(t.at_ms, off).day - 1));
      }
      if (t.points > 0 && r.points < 0) tier_contribute(a_, rules_, r.at_ms, t.at_ms, r.points);
    }
    if (t.kind != EntryKind::reverse && !t.badge.empty()) {
      auto pos = std::lower_bound(a_.badges.begin(), a_.badges.end(), t.badge);
      if (pos != a_.badges.end() && *pos == t.badge) a_.badges.erase(pos);
    }
    if (t.kind != EntryKind::reverse && t.event_type == "referral_reward") {
      auto u = a_.campaigns.find(t.campaign_id);
      if (u != a_.campaigns.end() && month == u->second.month) u->second.used -= t.points + t.credit_fen;
    }
  }

  Account& a_;
  const Rules& rules_;
  const LedgerIndex& index_;
  LotFates* fates_;
  std::string missing_takes_;
};

// The whole ledger as an index: entries by id as the fold reaches them, reversals so far,
// and the fates the fold itself recorded.
class ReplayIndex : public LedgerIndex {
 public:
  explicit ReplayIndex(const std::vector<Entry>& ledger) : ledger_(ledger) {}
  const Entry* entry(std::string_view id) const override {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &ledger_[static_cast<size_t>(it->second)];
  }
  bool reversed(std::string_view id) const override { return reversed_.count(std::string(id)) > 0; }
  int64_t expired(std::string_view) const override { return 0; }  // the fold's own fates map answers first
  void add(size_t i) {
    const Entry& e = ledger_[i];
    by_id_[e.id] = static_cast<int64_t>(i);
    if (e.kind == EntryKind::reverse) reversed_.insert(e.reverses);
  }

 private:
  const std::vector<Entry>& ledger_;
  std::map<std::string, int64_t> by_id_;  // id -> index (the type of LotFates: one map less in the wasm)
  std::set<std::string> reversed_;
};

// Related entries + the entries of the batch being folded (a later one may refer to an
// earlier one).
class BatchIndex : public LedgerIndex {
 public:
  BatchIndex(const LedgerIndex& base, const std::vector<Entry>& batch) : base_(base), batch_(batch) {}
  const Entry* entry(std::string_view id) const override {
    auto it = by_id_.find(std::string(id));
    return it != by_id_.end() ? &batch_[static_cast<size_t>(it->second)] : base_.entry(id);
  }
  bool reversed(std::string_view id) const override {
    return reversed_.count(std::string(id)) > 0 || base_.reversed(id);
  }
  int64_t expired(std::string_view id) const override { return base_.expired(id); }
  void add(size_t i) {
    const Entry& e = batch_[i];
    by_id_[e.id] = static_cast<int64_t>(i);
    if (e.kind == EntryKind::reverse) reversed_.insert(e.reverses);
  }

 private:
  const LedgerIndex& base_;
  const std::vector<Entry>& batch_;
  std::map<std::string, int64_t> by_id_;
  std::set<std::string> reversed_;
};

class RelatedIndex : public LedgerIndex {
 public:
  explicit RelatedIndex(const Related& r) : r_(r) {}
  const Entry* entry(std::string_view id) const override { return r_.entry(id); }
  bool reversed(std::string_view id) const override { return r_.reversed(id); }
  int64_t expired(std::string_view id) const override {
    auto it = r_.fates.find(std::string(id));
    return it == r_.fates.end() ? 0 : it->second;
  }

 private:
  const Related& r_;
};

}  // namespace

[[gnu::noinline]] void thaw_lots(Account& a, int64_t key, int64_t due_by, bool all) {
  for (size_t i = 0; i < a.cold_lots.size();) {
    const Chunk& c = a.cold_lots[i];
    if (!all && c.key != key && !(c.lo > 0 && c.lo <= due_by) && !(c.hi > 0 && c.hi <= due_by)) {
      ++i;
      continue;
    }
    // The chunk's lots are one run of seqs: merged in order.
    std::vector<AccountLot> items = decode_lots(c), merged;
    a.cold_lots.erase(a.cold_lots.begin() + static_cast<std::ptrdiff_t>(i));
    merged.reserve(a.lots.size() + items.size());
    size_t k = 0;
    for (; k < a.lots.size() && (items.empty() || a.lots[k].seq < items.front().seq); ++k) {
      merged.push_back(std::move(a.lots[k]));
    }
    for (AccountLot& lot : items) merged.push_back(std::move(lot));
    for (; k < a.lots.size(); ++k) merged.push_back(std::move(a.lots[k]));
    a.lots = std::move(merged);
  }
}

void release_lot(Account& a, size_t k) {
  AccountLot& lot = a.lots[k];
  lot.released = true;
  lot.available_at_ms = 0;  // what a released lot keeps of its release time
  int64_t pay = std::min(a.debt, lot.remaining);
  a.debt -= pay;
  lot.remaining -= pay;
}

void expire_lot(Account& a, size_t k, LotFates* fates) {
  AccountLot& lot = a.lots[k];
  lot.released = true;
  a.expired += lot.remaining;
  // A closed lot's expired points matter only to a later reversal of its entry.
  if (fates && lot.remaining > 0) (*fates)[lot.entry_id] += lot.remaining;
  a.lots.erase(a.lots.begin() + static_cast<std::ptrdiff_t>(k));
}

bool drop_if_closed(Account& a, size_t k) {
  if (k >= a.lots.size()) return false;
  const AccountLot& lot = a.lots[k];
  if (!lot.released || lot.remaining > 0) return false;
  a.lots.erase(a.lots.begin() + static_cast<std::ptrdiff_t>(k));
  return true;
}

// Processes releases and expiries due at or before t, in time order (release first on a
// tie within a lot; the older lot first on a tie between lots).
[[gnu::noinline]] void advance_to(Account& a, int64_t t, LotFates* fates) {
  if (t < a.clock_ms) return;
  a.clock_ms = t;
  thaw_lots(a, -1, t);
  for (;;) {
    int64_t best = INT64_MAX;
    size_t which = 0;
    bool is_release = false;
    for (size_t k = 0; k < a.lots.size(); ++k) {
      const AccountLot& lot = a.lots[k];
      if (!lot.released && lot.available_at_ms <= t && lot.available_at_ms < best) {
        best = lot.available_at_ms, which = k, is_release = true;
      }
      if (lot.expires_at_ms > 0 && lot.expires_at_ms <= t && lot.expires_at_ms < best) {
        best = lot.expires_at_ms, which = k, is_release = false;
      }
    }
    if (best == INT64_MAX) return;
    if (is_release) {
      release_lot(a, which);
      drop_if_closed(a, which);
    } else {
      expire_lot(a, which, fates);
    }
  }
}

bool Related::has_event(std::string_view event_id) const {
  for (const Entry& e : entries) {
    if (e.event_id == event_id) return true;
  }
  return false;
}

const Entry* Related::entry(std::string_view id) const {
  for (const Entry& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

bool Related::reversed(std::string_view id) const {
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::reverse && e.reverses == id) return true;
  }
  return false;
}

std::string account_basis(const Rules& rules) {
  std::string b = std::to_string(rules.utc_offset_min) + "|" + std::to_string(rules.tiers.window_days) + "|" +
                  std::to_string(rules.tiers.evaluation_months) + "|";
  for (size_t i = 0; i < rules.tiers.levels.size(); ++i) {
    if (i) b += ",";
    b += std::to_string(rules.tiers.levels[i].min_earned);
  }
  return b;
}

Account new_account(const Rules& rules) {
  Account a;
  a.basis = account_basis(rules);
  a.utc_offset_min = rules.utc_offset_min;
  return a;
}

std::string account_problem(const Account& account, const Rules& rules) {
  if (account.schema_version != kAccountSchemaVersion) return "schema_version";
  if (account.basis != account_basis(rules)) return "basis";
  return {};
}

Account replay_account(const Rules& rules, const std::vector<Entry>& ledger, int64_t until_ms, LotFates* fates) {
  Account a = new_account(rules);
  LotFates own;
  LotFates* out = fates ? fates : &own;
  ReplayIndex index(ledger);
  Folder f(a, rules, index, out);
  for (size_t i = 0; i < ledger.size(); ++i) {
    if (ledger[i].at_ms > until_ms) continue;
    f.entry(ledger[i]);
    index.add(i);
  }
  return a;
}

std::string apply(Account& account, const Rules& rules, const std::vector<Entry>& entries, const LedgerIndex& index,
                  LotFates* fates) {
  LotFates own;
  LotFates* out = fates ? fates : &own;
  BatchIndex batch(index, entries);
  Folder f(account, rules, batch, out);
  for (size_t i = 0; i < entries.size(); ++i) {
    f.entry(entries[i]);
    batch.add(i);
  }
  return f.missing_takes();
}

std::string apply(Account& account, const Rules& rules, const std::vector<Entry>& entries, const Related& related,
                  LotFates* fates) {
  RelatedIndex index(related);
  return apply(account, rules, entries, index, fates);
}

void advance(Account& account, int64_t now_ms, LotFates* fates) {
  advance_to(account, now_ms, fates);
}

namespace {

// One out-of-line copy (the wasm keeps one copy of the code).
[[gnu::noinline]] Account advanced(const Account& account, int64_t now_ms) {
  Account a = account;
  advance_to(a, now_ms, nullptr);
  return a;
}

}  // namespace

Balance balance_of(const Account& account, int64_t now_ms, int64_t expiring_until) {
  // Advanced on a copy only when a release or an expiry is due by now_ms.
  bool due = false;
  for (const AccountLot& lot : account.lots) {
    due = due || (!lot.released && lot.available_at_ms <= now_ms) ||
          (lot.expires_at_ms > 0 && lot.expires_at_ms <= now_ms);
  }
  for (const Chunk& c : account.cold_lots) {
    due = due || (c.lo > 0 && c.lo <= now_ms) || (c.hi > 0 && c.hi <= now_ms);
  }
  Account copy = due ? advanced(account, now_ms) : Account();
  const Account& a = due ? copy : account;
  Balance b;
  b.debt = a.debt;
  b.expired = a.expired;
  b.credit_fen = a.credit_fen;
  b.lifetime_earned = a.lifetime_earned;
  auto add = [&](const AccountLot& lot) {
    if (lot.remaining == 0) return;
    (lot.released ? b.available : b.pending) += lot.remaining;
    b.live_lots.push_back(Balance::Lot{0, lot.remaining, lot.available_at_ms, lot.expires_at_ms, lot.released});
  };
  for (const AccountLot& lot : a.lots) add(lot);
  for (const Chunk& c : a.cold_lots) {
    if (c.lo > 0 && c.lo <= expiring_until) {
      for (const AccountLot& lot : decode_lots(c)) add(lot);
    } else {
      b.available += c.sum;
      b.pending += c.pending;
    }
  }
  b.available -= a.debt;
  return b;
}

int64_t lot_count(const Account& a) {
  int64_t n = static_cast<int64_t>(a.lots.size());
  for (const Chunk& c : a.cold_lots) n += c.count;
  return n;
}

int64_t window_count(const Account& a) {
  int64_t n = static_cast<int64_t>(a.tier.window.size());
  for (const Chunk& c : a.tier.cold) n += c.count;
  return n;
}

int32_t streak_ending(const Account& a, int64_t day) {
  if (a.streak_end < a.streak_start || day < a.streak_start || day > a.streak_end) return 0;
  return static_cast<int32_t>(day - a.streak_start + 1);
}

}  // namespace clinic::points
