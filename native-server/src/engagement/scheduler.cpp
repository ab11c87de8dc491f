#include "engagement/scheduler.h"

#include <sstream>

#include "clinic/civil_time.h"
#include "engagement/reminders.h"
#include "engagement/templates.h"
#include "log.h"
#include "privacy/vault.h"

namespace clinic::server {
namespace {

constexpr int64_t kBackoffMs[] = {60'000, 5 * 60'000, 30 * 60'000, 120 * 60'000};

bool permanent(int64_t errcode) {
  return errcode == 43101 || errcode == 47003 || errcode == 40003;
}

struct Send {
  OutboxRow row;
  std::string openid, template_id, page, data;
};

}  // namespace

Scheduler::Scheduler(Store& store, WeChatClient& wechat, NowFn now, int64_t interval_ms)
    : store_(store), wechat_(wechat), now_(std::move(now)), interval_ms_(interval_ms) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::start() {
  if (interval_ms_ <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    try {
      tick();
    } catch (const std::exception& e) {
      log_warn(std::string("scheduler tick failed: ") + e.what());
    }
    lock.lock();
  }
}

void Scheduler::count(const std::string& kind, const std::string& outcome) {
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_[{kind, outcome}];
}

std::string Scheduler::render_metrics() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream o;
  o << "# HELP clinic_messages_total Subscribe messages by reminder kind and outcome (sent, failed, skipped, "
       "retried, deferred).\n# TYPE clinic_messages_total counter\n";
  for (const auto& [key, n] : counts_) {
    o << "clinic_messages_total{kind=\"" << key.first << "\",outcome=\"" << key.second << "\"} " << n << "\n";
  }
  return o.str();
}

TickResult Scheduler::tick() {
  std::lock_guard<std::mutex> one(tick_mu_);
  TickResult result;
  int64_t now = now_();
  std::string token = random_token(12);
  if (now / 86'400'000 != last_scan_day_) {
    last_scan_day_ = now / 86'400'000;
    auto orgs = store_.read([](Repos& r) { return r.engagement().template_documents(); });
    // Every member's account is read on a snapshot; the writer only enqueues (issue 16).
    for (const auto& org : orgs) {
      // Several instances on one PostgreSQL: the day's scan of an organisation is claimed in
      // job_runs with its rows, in one transaction, so one instance enqueues them; the others
      // skip the scan when the claim is already there (or drop their rows when they lose the
      // race). The rows' dedupe keys (once a month per member) and claim_due's claims already
      // kept anything from being sent twice; this keeps every instance from scanning every
      // account every day. SQLite (one process): scanned at the first tick of each day, as before.
      const std::string job = "points_expiring:" + std::to_string(org.first);
      const int64_t day = now / 86'400'000;
      const bool shared = store_.postgres();
      if (shared && store_.read([&](Repos& r) { return r.engagement().job_ran(job, day); })) {
        log_info("scheduler: " + job + " day " + std::to_string(day) + ": scanned by another instance");
        continue;
      }
      auto rows = store_.read([&](Repos& r) { return expiring_points_rows(r, org.first, now); });
      bool mine = store_.write([&](Repos& r) {
        if (shared && !r.engagement().claim_job_run(job, day, org.first, now)) return false;
        for (const OutboxRow& row : rows) r.engagement().enqueue(row);
        return true;
      });
      log_info("scheduler: " + job + " day " + std::to_string(day) + ": " +
               (mine ? std::to_string(rows.size()) + " row(s) enqueued" : "scanned by another instance"));
    }
  }
  std::vector<Send> sends = store_.write([&](Repos& r) {
    std::vector<Send> out;
    std::map<int64_t, std::optional<TemplateConfig>> configs;
    for (OutboxRow& row : r.engagement().claim_due(now, token, kLeaseMs, 50)) {
      ++result.claimed;
      // One bad row (corrupt data) fails alone instead of rolling back every claim with it.
      try {
        auto skip = [&](const char* why) {
          row.status = "skipped";
          row.last_error = why;
          r.engagement().finish(row, token, now);
          count(row.kind, "skipped");
          ++result.skipped;
        };
        auto member = r.member_by_id(row.member_id);
        if (!member || member->deleted_at_ms || !member->openid) {
          skip("member_gone");
          continue;
        }
        if (row.expires_at_ms && now >= *row.expires_at_ms) {
          skip("stale");
          continue;
        }
        if (!configs.count(row.org_id)) {
          auto doc = r.engagement().template_document(row.org_id);
          configs[row.org_id] = doc ? std::optional<TemplateConfig>(parse_template_config(*doc)) : std::nullopt;
        }
        const auto& cfg = configs[row.org_id];
        const MessageTemplate* t = cfg ? cfg->for_kind(row.kind) : nullptr;
        if (!t) {
          skip("no_template");
          continue;
        }
        auto clinic = r.clinic_by_id(row.clinic_id);
        int offset = clinic ? clinic->utc_offset_min : civil::kDefaultUtcOffsetMinutes;
        int64_t day_start = civil::local_day_start_ms(civil::local_day(now, offset), offset);
        int local_min = static_cast<int>((now - day_start) / 60'000);
        if (in_quiet_hours(*cfg, local_min)) {
          // To the end of the quiet hours (today's, or tomorrow's when they end after midnight).
          int64_t end = day_start + int64_t{cfg->quiet_to_min} * 60'000;
          if (end <= now) end += 86'400'000;
          row.status = "due";
          row.due_at_ms = end;
          row.last_error = "quiet_hours";
          r.engagement().finish(row, token, now);
          count(row.kind, "deferred");
          ++result.deferred;
          continue;
        }
        if (!r.engagement().reserve_subscription(row.member_id, t->template_id, row.id, now)) {
          skip("no_subscription");
          continue;
        }
        boost::json::object values = boost::json::parse(row.data).as_object();
        out.push_back(Send{row, *member->openid, t->template_id, render_page(*t, values),
                           boost::json::serialize(render_fields(*t, values))});
      } catch (const std::exception& e) {
        row.status = "failed";
        row.last_error = std::string("internal: ") + e.what();
        r.engagement().finish(row, token, now);
        count(row.kind, "failed");
        ++result.failed;
      }
    }
    return out;
  });
  for (Send& s : sends) {
    WeChatClient::SendOutcome outcome = wechat_.send_subscribe(s.openid, s.template_id, s.page, s.data, now);
    OutboxRow row = s.row;
    row.template_id = s.template_id;
    row.attempts += 1;
    std::string what;
    if (outcome.errcode == 0) {
      row.status = "sent";
      row.last_error = "";
      what = "sent";
      ++result.sent;
    } else if (permanent(outcome.errcode) || row.attempts >= kMaxAttempts) {
      row.status = "failed";
      row.last_error = "errcode " + std::to_string(outcome.errcode) + ": " + outcome.errmsg;
      what = "failed";
      ++result.failed;
    } else {
      row.status = "due";
      row.due_at_ms = now + kBackoffMs[std::min<int64_t>(row.attempts, 4) - 1];
      row.last_error = "errcode " + std::to_string(outcome.errcode) + ": " + outcome.errmsg;
      what = "retried";
      ++result.retried;
    }
    bool kept = store_.write([&](Repos& r) { return r.engagement().finish(row, token, now_()); });
    if (!kept) log_warn("outbox row " + std::to_string(row.id) + " lost its claim before its outcome was stored");
    count(row.kind, what);
  }
  return result;
}

}  // namespace clinic::server
