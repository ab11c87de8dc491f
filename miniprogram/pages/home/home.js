// Home (foundation stage): proves the on-device core loads; the patient pages come next.
const { callCore } = require('../../lib/core.js');

Component({
  data: { coreStatus: '正在加载…' },
  lifetimes: {
    attached() {
      return callCore({ op: 'core.version', v: 1 })
        .then((v) => this.setData({ coreStatus: `本机引擎 ${v.version}` }))
        .catch((e) => this.setData({ coreStatus: `引擎加载失败：${e.message}` }));
    },
  },
});
