// Server configuration: defaults < JSON file (--config FILE or CLINIC_CONFIG) <
// environment (CLINIC_*) < flags (--key=value or --key value). load_config() validates
// everything and throws ConfigError with a message naming the bad setting, so the
// server refuses to start instead of running half-configured.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace clinic::server {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  // HTTP
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 = ephemeral (tests); the chosen port is logged
  int threads = 2;  // I/O threads running the Beast sessions
  // Handler threads. A handler blocks until its commit, so the workers bound how many writes
  // one group commit can carry: as many as the connections a busy clinic chain keeps open
  // (16 capped a 64-connection load at batches of 16, 0.6x the check-in rate of 64).
  int workers = 64;
  int64_t body_limit = 64 * 1024;
  int64_t header_limit = 8 * 1024;
  int64_t read_timeout_ms = 10'000;  // a started request must arrive completely within this
  int64_t idle_timeout_ms = 30'000;  // keep-alive connection with no request
  int64_t write_timeout_ms = 10'000;
  int64_t shutdown_grace_ms = 10'000;
  std::string static_dir;  // front-desk files; empty = built-in default
  // Storage
  std::string db_path = "var/clinic.db";
  // PostgreSQL only: a streaming replica (hot standby) of db_path for reads that tolerate
  // staleness (daily report, rule simulation); one whose replay lags more than
  // db_replica_max_lag_ms is passed over for the primary.
  std::string db_replica;
  int64_t db_replica_max_lag_ms = 30'000;
  std::string synchronous = "FULL";  // FULL (default) or NORMAL
  int readers = 8;                   // SQLite read connections (each request's session and plan reads)
  int max_batch = 512;
  // Privacy
  std::string key_file;  // default: <db_path>.key
  // WeChat
  std::string wechat_appid;
  std::string wechat_secret;
  std::string wechat_api_base = "https://api.weixin.qq.com";
  int64_t wechat_timeout_ms = 5'000;
  int64_t scheduler_interval_ms = 15'000;  // reminder scheduler tick (issue 19); 0 = no scheduler thread
  // Auth
  int64_t member_session_ttl_s = 30 * 24 * 3600;
  int64_t staff_session_ttl_s = 12 * 3600;
  // Staff password guesses (auth/rate_limiter.h, README "Staff login throttling"): free
  // failures per account+address (x4 per address and per account) before delays start; the
  // delay doubles from the base per further failure, capped at the window; a key silent for a
  // window is forgotten.
  int staff_login_max_failures = 5;
  int64_t staff_login_window_s = 15 * 60;
  int64_t staff_login_base_delay_s = 15;
  int member_logins_per_minute = 30;  // per address
  // The public command API (POST /api/core): requests per minute per address (0 = no limit,
  // for benchmarks), and how many staff command calls (POST /api/staff/core) run at once.
  int core_requests_per_minute = 600;
  int staff_core_concurrency = 1;
  bool cookie_secure = false;  // set when served over HTTPS (behind a proxy)
  // Families
  int max_patients_per_member = 6;  // 就诊人 per account (self, children, parents)
  // Ops
  std::string log_level = "info";  // debug, info, warn, error
  std::string access_log = "-";    // "-" = stdout, "" = off, else a file path
  // Demo seeding
  bool demo = false;
  std::string rules_dir;              // default: core/rules of the source tree
  std::string demo_credentials_file;  // default: <db_path>.demo-staff.txt
  // Test hooks (honoured only by builds with CLINIC_TEST_HOOKS, refused otherwise)
  std::string test_clock_file;  // file holding an epoch-ms offset added to the clock
};

// argv excludes the program name and the subcommand. `env` lookups use getenv.
Config load_config(const std::vector<std::string>& args);
// Validates and fills derived defaults; throws ConfigError.
void finish_config(Config& config);
// One line per setting, secrets masked (for the startup log and --print-config).
std::string describe(const Config& config);

}  // namespace clinic::server
