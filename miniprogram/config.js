// Where the mini-program finds its server. Development points at scripts/run's server;
// a clinic deployment replaces it with its HTTPS domain (registered in the WeChat console).
module.exports = {
  apiBaseUrl: 'http://127.0.0.1:8080',
  defaultLang: 'zh-CN',
  // The member's clinic: its phone and address on emergency cards and on "me".
  clinicId: 1,
};
