// The fake WeChat API (native-server/fake-wechat/server.mjs) as a child process on a free
// loopback port, for the doctest suites that talk to WeChat over real HTTP.
#pragma once

#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

extern char** environ;

namespace clinic::server::testing {

class FakeWechat {
 public:
  explicit FakeWechat(std::vector<std::string> extra = {}) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::string script = std::string(CLINIC_SOURCE_DIR) + "/native-server/fake-wechat/server.mjs";
    std::vector<std::string> args = {CLINIC_NODE, script, "--port", "0", "--appid", "wx-a", "--secret", "s-1"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, CLINIC_NODE, &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[256] = {};
    REQUIRE(std::fgets(line, sizeof line, out_) != nullptr);
    std::string text(line);
    url_ = text.substr(text.find("http"));
    while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r')) url_.pop_back();
  }
  ~FakeWechat() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    std::fclose(out_);
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = 0;
  std::FILE* out_ = nullptr;
  std::string url_;
};

}  // namespace clinic::server::testing
