#include "config.h"

#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "store/pg.h"
#include "wechat/url.h"

namespace clinic::server {
namespace {

// A database URL for the log: a password in it (user:secret@ or password=…) becomes ***.
std::string mask_db_password(std::string url) {
  if (!is_postgres_url(url)) return url;
  size_t scheme = url.find("://") + 3;
  size_t at = url.find('@', scheme);
  size_t colon = url.find(':', scheme);
  if (at != std::string::npos && colon != std::string::npos && colon < at)
    url.replace(colon + 1, at - colon - 1, "***");
  size_t pw = url.find("password=");
  if (pw != std::string::npos) {
    size_t end = url.find('&', pw);
    url.replace(pw + 9, (end == std::string::npos ? url.size() : end) - pw - 9, "***");
  }
  return url;
}

// One row per setting: its name (file key and --flag), env var, and how to set it.
struct Setting {
  const char* name;
  const char* env;
  std::function<void(Config&, const std::string&)> set;
};

int64_t parse_int(const std::string& name, const std::string& text, int64_t min, int64_t max) {
  if (text.empty()) throw ConfigError(name + ": expected an integer, got an empty value");
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    throw ConfigError(name + ": expected an integer, got \"" + text + "\"");
  }
  if (used != text.size()) throw ConfigError(name + ": expected an integer, got \"" + text + "\"");
  if (v < min || v > max) {
    throw ConfigError(name + ": " + text + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) +
                      "]");
  }
  return v;
}

bool parse_bool(const std::string& name, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  throw ConfigError(name + ": expected true or false, got \"" + text + "\"");
}

#define INT_SETTING(key, env, member, lo, hi)                                                                          \
  {                                                                                                                    \
    key, env,                                                                                                          \
        [](Config& c, const std::string& v) { c.member = static_cast<decltype(c.member)>(parse_int(key, v, lo, hi)); } \
  }
#define STR_SETTING(key, env, member)                               \
  {                                                                 \
    key, env, [](Config& c, const std::string& v) { c.member = v; } \
  }
#define BOOL_SETTING(key, env, member)                                               \
  {                                                                                  \
    key, env, [](Config& c, const std::string& v) { c.member = parse_bool(key, v); } \
  }

const std::vector<Setting>& settings() {
  static const std::vector<Setting> table = {
      STR_SETTING("bind", "CLINIC_BIND", bind),
      INT_SETTING("port", "CLINIC_PORT", port, 0, 65535),
      INT_SETTING("threads", "CLINIC_THREADS", threads, 1, 256),
      INT_SETTING("workers", "CLINIC_WORKERS", workers, 1, 1024),
      INT_SETTING("body_limit", "CLINIC_BODY_LIMIT", body_limit, 1024, 64 << 20),
      INT_SETTING("header_limit", "CLINIC_HEADER_LIMIT", header_limit, 1024, 1 << 20),
      INT_SETTING("read_timeout_ms", "CLINIC_READ_TIMEOUT_MS", read_timeout_ms, 100, 3'600'000),
      INT_SETTING("idle_timeout_ms", "CLINIC_IDLE_TIMEOUT_MS", idle_timeout_ms, 100, 3'600'000),
      INT_SETTING("write_timeout_ms", "CLINIC_WRITE_TIMEOUT_MS", write_timeout_ms, 100, 3'600'000),
      INT_SETTING("shutdown_grace_ms", "CLINIC_SHUTDOWN_GRACE_MS", shutdown_grace_ms, 0, 3'600'000),
      STR_SETTING("static_dir", "CLINIC_STATIC_DIR", static_dir),
      STR_SETTING("db", "CLINIC_DB", db_path),
      STR_SETTING("db_replica", "CLINIC_DB_REPLICA", db_replica),
      INT_SETTING("db_replica_max_lag_ms", "CLINIC_DB_REPLICA_MAX_LAG_MS", db_replica_max_lag_ms, 0, 86'400'000),
      STR_SETTING("synchronous", "CLINIC_SYNCHRONOUS", synchronous),
      INT_SETTING("readers", "CLINIC_READERS", readers, 1, 256),
      INT_SETTING("max_batch", "CLINIC_MAX_BATCH", max_batch, 1, 100'000),
      STR_SETTING("key_file", "CLINIC_KEY_FILE", key_file),
      STR_SETTING("wechat_appid", "CLINIC_WECHAT_APPID", wechat_appid),
      STR_SETTING("wechat_secret", "CLINIC_WECHAT_SECRET", wechat_secret),
      STR_SETTING("wechat_api_base", "CLINIC_WECHAT_API_BASE", wechat_api_base),
      INT_SETTING("wechat_timeout_ms", "CLINIC_WECHAT_TIMEOUT_MS", wechat_timeout_ms, 100, 120'000),
      INT_SETTING("scheduler_interval_ms", "CLINIC_SCHEDULER_INTERVAL_MS", scheduler_interval_ms, 0, 3'600'000),
      INT_SETTING("member_session_ttl_s", "CLINIC_MEMBER_SESSION_TTL_S", member_session_ttl_s, 60, 400LL * 86400),
      INT_SETTING("staff_session_ttl_s", "CLINIC_STAFF_SESSION_TTL_S", staff_session_ttl_s, 60, 30LL * 86400),
      INT_SETTING("staff_login_max_failures", "CLINIC_STAFF_LOGIN_MAX_FAILURES", staff_login_max_failures, 1, 1000),
      INT_SETTING("staff_login_window_s", "CLINIC_STAFF_LOGIN_WINDOW_S", staff_login_window_s, 1, 86400),
      INT_SETTING("staff_login_base_delay_s", "CLINIC_STAFF_LOGIN_BASE_DELAY_S", staff_login_base_delay_s, 1, 86400),
      INT_SETTING("core_requests_per_minute", "CLINIC_CORE_REQUESTS_PER_MINUTE", core_requests_per_minute, 0,
                  100'000'000),
      INT_SETTING("staff_core_concurrency", "CLINIC_STAFF_CORE_CONCURRENCY", staff_core_concurrency, 1, 64),
      INT_SETTING("member_logins_per_minute", "CLINIC_MEMBER_LOGINS_PER_MINUTE", member_logins_per_minute, 1,
                  1'000'000),
      BOOL_SETTING("cookie_secure", "CLINIC_COOKIE_SECURE", cookie_secure),
      INT_SETTING("max_patients_per_member", "CLINIC_MAX_PATIENTS_PER_MEMBER", max_patients_per_member, 1, 50),
      STR_SETTING("log_level", "CLINIC_LOG_LEVEL", log_level),
      STR_SETTING("access_log", "CLINIC_ACCESS_LOG", access_log),
      BOOL_SETTING("demo", "CLINIC_DEMO", demo),
      STR_SETTING("rules_dir", "CLINIC_RULES_DIR", rules_dir),
      STR_SETTING("demo_credentials_file", "CLINIC_DEMO_CREDENTIALS_FILE", demo_credentials_file),
      STR_SETTING("test_clock_file", "CLINIC_TEST_CLOCK_FILE", test_clock_file),
  };
  return table;
}

const Setting* find_setting(const std::string& name) {
  for (const Setting& s : settings()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

void apply_file(Config& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("config file " + path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  boost::json::error_code ec;
  boost::json::value doc = boost::json::parse(text.str(), ec);
  if (ec) throw ConfigError("config file " + path + ": not valid JSON (" + ec.message() + ")");
  const boost::json::object* obj = doc.if_object();
  if (!obj) throw ConfigError("config file " + path + ": must be a JSON object");
  for (const auto& kv : *obj) {
    std::string key(kv.key());
    const Setting* s = find_setting(key);
    if (!s) throw ConfigError("config file " + path + ": unknown setting \"" + key + "\"");
    const boost::json::value& v = kv.value();
    if (const auto* str = v.if_string()) {
      s->set(config, std::string(*str));
    } else if (v.is_int64() || v.is_uint64() || v.is_bool()) {
      s->set(config, v.is_bool() ? (v.get_bool() ? "true" : "false") : boost::json::serialize(v));
    } else {
      throw ConfigError("config file " + path + ": setting \"" + key + "\" must be a string, integer or boolean");
    }
  }
}

}  // namespace

Config load_config(const std::vector<std::string>& args) {
  Config config;
  // Flags are parsed first (to find --config) but applied last.
  std::vector<std::pair<std::string, std::string>> flags;
  std::string config_file;
  if (const char* f = std::getenv("CLINIC_CONFIG")) config_file = f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) throw ConfigError("unexpected argument \"" + a + "\" (flags look like --port=8080)");
    std::string name = a.substr(2), value;
    size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (name == "demo" || name == "cookie_secure") {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw ConfigError("--" + name + " needs a value");
    }
    for (char& ch : name) ch = ch == '-' ? '_' : ch;
    if (name == "config") {
      config_file = value;
      continue;
    }
    if (!find_setting(name)) throw ConfigError("unknown flag --" + name);
    flags.emplace_back(name, value);
  }
  if (!config_file.empty()) apply_file(config, config_file);
  for (const Setting& s : settings()) {
    if (const char* v = std::getenv(s.env)) s.set(config, v);
  }
  for (const auto& [name, value] : flags) find_setting(name)->set(config, value);
  finish_config(config);
  return config;
}

void finish_config(Config& config) {
  if (config.bind.empty()) throw ConfigError("bind: must not be empty");
  if (config.db_path.empty()) throw ConfigError("db: must not be empty");
  if (config.synchronous != "FULL" && config.synchronous != "NORMAL") {
    throw ConfigError("synchronous: expected FULL or NORMAL, got \"" + config.synchronous + "\"");
  }
  if (config.log_level != "debug" && config.log_level != "info" && config.log_level != "warn" &&
      config.log_level != "error") {
    throw ConfigError("log_level: expected debug, info, warn or error, got \"" + config.log_level + "\"");
  }
  if (config.wechat_appid.empty()) throw ConfigError("wechat_appid: required (CLINIC_WECHAT_APPID or --wechat-appid)");
  if (config.wechat_secret.empty())
    throw ConfigError("wechat_secret: required (CLINIC_WECHAT_SECRET or --wechat-secret)");
  std::string why;
  auto url = parse_url(config.wechat_api_base, why);
  if (!url) throw ConfigError("wechat_api_base: " + why);
  // Plain HTTP only to this machine (the fake WeChat server); the real API is HTTPS.
  if (!url->https && !url->loopback()) {
    throw ConfigError("wechat_api_base: plain http is allowed only to a loopback host, got \"" +
                      config.wechat_api_base + "\"");
  }
  bool postgres = is_postgres_url(config.db_path);
  if (!config.db_replica.empty() && (!postgres || !is_postgres_url(config.db_replica)))
    throw ConfigError("db_replica: a postgresql:// URL, and only with a PostgreSQL database");
  if (postgres && config.key_file.empty()) {
    // Next to a SQLite file by default; a database URL has no folder to put the key in.
    throw ConfigError("key_file: required with a PostgreSQL database (--key-file or CLINIC_KEY_FILE)");
  }
  if (config.key_file.empty()) config.key_file = config.db_path + ".key";
  if (config.static_dir.empty()) config.static_dir = CLINIC_DEFAULT_STATIC_DIR;
  if (config.rules_dir.empty()) config.rules_dir = CLINIC_DEFAULT_RULES_DIR;
  if (config.demo_credentials_file.empty())
    config.demo_credentials_file = (postgres ? config.key_file : config.db_path) + ".demo-staff.txt";
#ifndef CLINIC_TEST_HOOKS
  if (!config.test_clock_file.empty()) {
    throw ConfigError("test_clock_file: honoured only by test (debug) builds; this build refuses it");
  }
#endif
}

std::string describe(const Config& c) {
  std::ostringstream out;
  out << "bind=" << c.bind << " port=" << c.port << " threads=" << c.threads << " workers=" << c.workers
      << " db=" << mask_db_password(c.db_path)
      << (c.db_replica.empty() ? "" : " db_replica=" + mask_db_password(c.db_replica))
      << " synchronous=" << c.synchronous << " key_file=" << c.key_file << " wechat_appid=" << c.wechat_appid
      << " wechat_secret=" << (c.wechat_secret.empty() ? "" : "***") << " wechat_api_base=" << c.wechat_api_base
      << " static_dir=" << c.static_dir << " log_level=" << c.log_level << " body_limit=" << c.body_limit
      << " header_limit=" << c.header_limit << " demo=" << (c.demo ? "true" : "false");
  return out.str();
}

}  // namespace clinic::server
