// Startup of issue 19's engagement: every stored template document is validated (a bad
// one stops the server with its JSON path), the demo organisation gets the demo templates
// with --demo, and the reminder scheduler thread starts.
#pragma once

#include <memory>

#include "clock.h"
#include "config.h"
#include "engagement/scheduler.h"
#include "store/store.h"
#include "wechat/wechat_client.h"

namespace clinic::server {

std::unique_ptr<Scheduler> start_engagement(const Config& config, Store& store, WeChatClient& wechat,
                                            const Clock& clock, int64_t org_id);

}  // namespace clinic::server
