// Ledger replay: the one place that turns entries into a balance. Credits are lots
// (FIFO); spends take from the oldest available lot; expiry and pending release happen
// in time order between entries; a reversal of spent points becomes debt that later
// credits pay back. Nothing is lost silently: sum(points) == available + pending + expired.
#include "clinic/points/ledger.h"

#include <algorithm>

#include "clinic/civil_time.h"

namespace clinic::points {
namespace {

struct Lot {
  size_t entry = 0;
  int64_t original = 0, remaining = 0, expired = 0;
  int64_t available_at = 0, expires_at = 0;
  bool released = false, expired_flag = false, reversed = false;
};

struct Take {
  size_t lot = 0;
  int64_t amount = 0;
};

class Replayer {
 public:
  explicit Replayer(const std::vector<Entry>& ledger) : ledger_(ledger) {}

  void run(int64_t now_ms) {
    for (size_t i = 0; i < ledger_.size(); ++i) {
      const Entry& e = ledger_[i];
      if (e.at_ms > now_ms) continue;
      advance(e.at_ms);
      index_[e.id] = i;
      apply(i);
    }
    advance(now_ms);
  }

  Balance balance() const {
    Balance b;
    b.debt = debt_;
    b.expired = expired_;
    b.credit_fen = credit_;
    b.lifetime_earned = earned_;
    for (const Lot& lot : lots_) {
      if (lot.reversed || lot.expired_flag || lot.remaining == 0) continue;
      (lot.released ? b.available : b.pending) += lot.remaining;
      b.live_lots.push_back(Balance::Lot{lot.entry, lot.remaining, lot.available_at, lot.expires_at, lot.released});
    }
    b.available -= debt_;
    return b;
  }

 private:
  // Processes releases and expiries due at or before t, in time order (release first on ties).
  void advance(int64_t t) {
    if (t < clock_) return;
    clock_ = t;
    for (;;) {
      int64_t best = INT64_MAX;
      size_t which = 0;
      bool is_release = false;
      for (size_t k = 0; k < lots_.size(); ++k) {
        const Lot& lot = lots_[k];
        if (lot.reversed || lot.expired_flag) continue;
        if (!lot.released && lot.available_at <= t && lot.available_at < best) {
          best = lot.available_at, which = k, is_release = true;
        }
        if (lot.expires_at > 0 && lot.expires_at <= t && (lot.expires_at < best)) {
          best = lot.expires_at, which = k, is_release = false;
        }
      }
      if (best == INT64_MAX) return;
      Lot& lot = lots_[which];
      if (is_release) {
        release(lot);
      } else {
        // A pending lot that expires before release (odd rules) releases then expires.
        lot.released = true;
        lot.expired += lot.remaining;
        expired_ += lot.remaining;
        lot.remaining = 0;
        lot.expired_flag = true;
      }
    }
  }

  void release(Lot& lot) {
    lot.released = true;
    int64_t pay = std::min(debt_, lot.remaining);
    debt_ -= pay;
    lot.remaining -= pay;
  }

  void credit(size_t entry, int64_t points, int64_t at, int64_t available_at, int64_t expires_at) {
    Lot lot;
    lot.entry = entry;
    lot.original = lot.remaining = points;
    lot.available_at = std::max(available_at, at);
    lot.expires_at = expires_at;
    lot_of_[entry] = lots_.size();
    lots_.push_back(lot);
    if (lots_.back().available_at <= at) release(lots_.back());
    if (expires_at > 0 && expires_at <= at) advance_expire_now(lots_.size() - 1);
  }

  void advance_expire_now(size_t k) {
    Lot& lot = lots_[k];
    lot.expired += lot.remaining;
    expired_ += lot.remaining;
    lot.remaining = 0;
    lot.expired_flag = true;
  }

  void spend(size_t entry, int64_t need) {
    std::vector<Take>& takes = takes_[entry];
    for (size_t k = 0; k < lots_.size() && need > 0; ++k) {
      Lot& lot = lots_[k];
      if (!lot.released || lot.reversed || lot.expired_flag || lot.remaining == 0) continue;
      int64_t t = std::min(need, lot.remaining);
      lot.remaining -= t;
      need -= t;
      takes.push_back(Take{k, t});
    }
    if (need > 0) {
      debt_ += need;
      takes.push_back(Take{SIZE_MAX, need});
    }
  }

  // Gives `amount` back where a reversed spend took it from.
  void restore(const Take& take, size_t entry) {
    if (take.lot != SIZE_MAX) {
      Lot& lot = lots_[take.lot];
      if (!lot.reversed && !lot.expired_flag) {
        lot.remaining += take.amount;
        return;
      }
      if (lot.expired_flag && !lot.reversed) {  // it would have expired with its lot
        lot.expired += take.amount;
        expired_ += take.amount;
        return;
      }
    }
    // Taken from a lot since reversed (its spent part became debt) or from debt itself.
    int64_t pay = std::min(debt_, take.amount);
    debt_ -= pay;
    if (take.amount > pay) {
      int64_t expires = take.lot != SIZE_MAX ? lots_[take.lot].expires_at : 0;
      credit(entry, take.amount - pay, clock_, clock_, expires);
    }
  }

  void apply(size_t i) {
    const Entry& e = ledger_[i];
    credit_ += e.credit_fen;
    switch (e.kind) {
      case EntryKind::earn:
      case EntryKind::rebate:
        if (e.points > 0) {
          earned_ += e.points;
          credit(i, e.points, e.at_ms, e.available_at_ms, e.expires_at_ms);
        } else if (e.points < 0) {
          spend(i, -e.points);
        }
        return;
      case EntryKind::spend:
        if (e.points < 0) spend(i, -e.points);
        if (e.points > 0) credit(i, e.points, e.at_ms, e.at_ms, e.expires_at_ms);
        return;
      case EntryKind::reverse: {
        auto it = index_.find(e.reverses);
        if (it == index_.end()) {
          // Unknown target: apply the signed amount as it stands so nothing is lost.
          if (e.points > 0) credit(i, e.points, e.at_ms, e.at_ms, 0);
          if (e.points < 0) spend(i, -e.points);
          return;
        }
        undo(it->second, i);
        return;
      }
    }
  }

  void undo(size_t target, size_t self) {
    const Entry& t = ledger_[target];
    auto lot_it = lot_of_.find(target);
    if (lot_it != lot_of_.end()) {
      Lot& lot = lots_[lot_it->second];
      if (lot.reversed) return;
      int64_t consumed = lot.original - lot.remaining - lot.expired;
      lot.reversed = true;
      lot.remaining = 0;
      expired_ -= lot.expired;
      if (t.kind == EntryKind::earn || t.kind == EntryKind::rebate) earned_ -= lot.original;
      debt_ += consumed;
      // Debt is paid from the oldest available credit right away.
      for (Lot& other : lots_) {
        if (debt_ == 0) break;
        if (other.released && !other.reversed && !other.expired_flag && other.remaining > 0) {
          int64_t pay = std::min(debt_, other.remaining);
          other.remaining -= pay;
          debt_ -= pay;
        }
      }
      return;
    }
    auto takes_it = takes_.find(target);
    if (takes_it != takes_.end()) {
      std::vector<Take> takes = std::move(takes_it->second);
      takes_.erase(takes_it);
      for (const Take& take : takes) restore(take, self);
    }
  }

  const std::vector<Entry>& ledger_;
  std::vector<Lot> lots_;
  std::map<size_t, size_t> lot_of_;
  std::map<size_t, std::vector<Take>> takes_;
  std::map<std::string, size_t> index_;
  int64_t clock_ = INT64_MIN;
  int64_t debt_ = 0, expired_ = 0, credit_ = 0, earned_ = 0;
};

}  // namespace

std::string entry_id(std::string_view event_id, size_t n) {
  return std::string(event_id) + "#" + std::to_string(n);
}

int64_t Balance::expiring_by(int64_t until_ms) const {
  int64_t sum = 0;
  for (const Lot& lot : live_lots) {
    if (lot.released && lot.expires_at_ms > 0 && lot.expires_at_ms <= until_ms) sum += lot.remaining;
  }
  return sum;
}

Balance replay(const std::vector<Entry>& ledger, int64_t now_ms) {
  Replayer r(ledger);
  r.run(now_ms);
  return r.balance();
}

bool has_event(const std::vector<Entry>& ledger, std::string_view event_id) {
  for (const Entry& e : ledger) {
    if (e.event_id == event_id) return true;
  }
  return false;
}

bool is_reversed(const std::vector<Entry>& ledger, std::string_view id) {
  for (const Entry& e : ledger) {
    if (e.kind == EntryKind::reverse && e.reverses == id) return true;
  }
  return false;
}

std::set<std::string> reversed_ids(const std::vector<Entry>& ledger) {
  std::set<std::string> out;
  for (const Entry& e : ledger) {
    if (e.kind == EntryKind::reverse) out.insert(e.reverses);
  }
  return out;
}

int64_t expiry_for(const Rules& rules, int64_t at_ms) {
  int32_t off = rules.utc_offset_min;
  switch (rules.expiry.kind) {
    case ExpiryKind::never:
      return 0;
    case ExpiryKind::days:
      return civil::local_day_start_ms(civil::local_day(at_ms, off) + rules.expiry.days + 1, off);
    case ExpiryKind::end_of_month_after: {
      civil::Date last = civil::end_of_month_after(civil::local_date(at_ms, off), rules.expiry.months);
      return civil::local_day_start_ms(civil::days_from_civil(last) + 1, off);
    }
  }
  return 0;
}

Result<std::vector<Entry>> reverse_event(const Rules& rules, const std::vector<Entry>& ledger,
                                         std::string_view cancel_event_id, std::string_view target_event_id,
                                         int64_t at_ms) {
  std::vector<Entry> out;
  bool found = false;
  for (const Entry& e : ledger) {
    if (e.event_id != target_event_id || e.kind == EntryKind::reverse) continue;
    found = true;
    if (is_reversed(ledger, e.id)) {
      return make_error(ErrorCode::conflict, "该事件已撤销：" + std::string(target_event_id),
                        "event already reversed: " + std::string(target_event_id), "$.event.target_event_id");
    }
    // Zero-point markers are reversed too, so a second refund of the event is a conflict.
    Entry r;
    r.id = entry_id(cancel_event_id, out.size() + 1);
    r.event_id = std::string(cancel_event_id);
    r.kind = EntryKind::reverse;
    r.event_type = e.event_type;
    r.points = -e.points;
    r.credit_fen = -e.credit_fen;
    r.at_ms = at_ms;
    r.reverses = e.id;
    r.coupon_code = e.coupon_code;
    r.campaign_id = e.campaign_id;
    r.invitee_id = e.invitee_id;
    r.rule_version = rules.version;
    r.reason = "reversal";
    r.text_zh = "撤销：" + e.id;
    r.text_en = "reversal of " + e.id;
    out.push_back(std::move(r));
  }
  if (!found) {
    return make_error(ErrorCode::not_found, "账本中没有该事件：" + std::string(target_event_id),
                      "no such event in the ledger: " + std::string(target_event_id), "$.event.target_event_id");
  }
  return out;
}

}  // namespace clinic::points
