#include "config.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "test_support.h"

using namespace clinic::server;

namespace {

const std::vector<std::string> kRequired = {"--wechat-appid=wx1", "--wechat-secret=s"};

std::vector<std::string> with_required(std::vector<std::string> more) {
  more.insert(more.end(), kRequired.begin(), kRequired.end());
  return more;
}

}  // namespace

TEST_CASE("defaults, file < env < flags") {
  std::string dir = testing::temp_dir();
  std::string file = dir + "/c.json";
  std::ofstream(file) << R"({"port": 9000, "threads": 3, "log_level": "warn", "demo": true})";
  ::setenv("CLINIC_PORT", "9100", 1);
  Config c = load_config(with_required({"--config", file}));
  CHECK(c.port == 9100);  // env beats file
  CHECK(c.threads == 3);  // file beats default
  CHECK(c.demo);
  CHECK(c.log_level == "warn");
  c = load_config(with_required({"--config=" + file, "--port=9200"}));
  CHECK(c.port == 9200);  // flag beats env
  ::unsetenv("CLINIC_PORT");
  Config d = load_config(kRequired);
  CHECK(d.port == 8080);
  CHECK(d.body_limit == 64 * 1024);
  CHECK(d.header_limit == 8 * 1024);
  CHECK(d.synchronous == "FULL");
  CHECK(d.key_file == d.db_path + ".key");
}

TEST_CASE("bad config is refused with the setting named") {
  CHECK_THROWS_WITH(load_config(with_required({"--port=70000"})), doctest::Contains("port: 70000 is out of range"));
  CHECK_THROWS_WITH(load_config(with_required({"--port=80x"})), doctest::Contains("port: expected an integer"));
  CHECK_THROWS_WITH(load_config(with_required({"--log-level=loud"})), doctest::Contains("log_level"));
  CHECK_THROWS_WITH(load_config(with_required({"--synchronous=OFF"})), doctest::Contains("synchronous"));
  CHECK_THROWS_WITH(load_config(with_required({"--wechat-api-base=http://10.0.0.1"})), doctest::Contains("loopback"));
  CHECK_THROWS_WITH(load_config(with_required({"--wechat-api-base=ftp://x"})), doctest::Contains("wechat_api_base"));
  CHECK_THROWS_WITH(load_config({"--wechat-appid=x"}), doctest::Contains("wechat_secret: required"));
  CHECK_THROWS_WITH(load_config(with_required({"--bogus=1"})), doctest::Contains("unknown flag --bogus"));
  CHECK_THROWS_WITH(load_config(with_required({"stray"})), doctest::Contains("unexpected argument"));
  std::string dir = testing::temp_dir();
  std::ofstream(dir + "/bad.json") << R"({"prot": 1})";
  CHECK_THROWS_WITH(load_config(with_required({"--config", dir + "/bad.json"})),
                    doctest::Contains("unknown setting \"prot\""));
  CHECK_NOTHROW(load_config(with_required({"--wechat-api-base=http://127.0.0.1:9999/prefix"})));
  CHECK_NOTHROW(load_config(with_required({"--wechat-api-base=https://api.weixin.qq.com"})));
}

TEST_CASE("the test clock is honoured only by test builds") {
#ifdef CLINIC_TEST_HOOKS
  CHECK_NOTHROW(load_config(with_required({"--test-clock-file=/tmp/clinic-clock"})));
#else
  CHECK_THROWS_WITH(load_config(with_required({"--test-clock-file=/tmp/clinic-clock"})),
                    doctest::Contains("honoured only by test (debug) builds"));
#endif
}
