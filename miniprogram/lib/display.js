// Large-font mode for older patients: on when WeChat's own font size (我-设置-通用-字体大小,
// fontSizeSetting in px from wx.getAppBaseInfo, or wx.getSystemInfoSync on older base
// libraries; standard is 16 px on Android, 17 px on iOS) is above the standard, or when the
// patient switched it on in "me". Pages put fontClass() on their root view; app.wxss makes
// every text in a `.large` page at least the (larger) body size.
const kLargeKey = 'font_large'; // 'on' | 'off' | '' (follow WeChat)
const kStandardFontPx = 17;      // WeChat's default size; larger settings mean "large"

function systemWantsLarge() {
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return Number(info && info.fontSizeSetting) > kStandardFontPx;
  } catch (e) {
    return false;
  }
}

function largeFont() {
  const v = wx.getStorageSync(kLargeKey);
  if (v === 'on') return true;
  if (v === 'off') return false;
  return systemWantsLarge();
}

function setLargeFont(on) {
  wx.setStorageSync(kLargeKey, on ? 'on' : 'off');
}

function fontClass() {
  return largeFont() ? 'large' : '';
}

module.exports = { largeFont, setLargeFont, fontClass, systemWantsLarge, kLargeKey };
