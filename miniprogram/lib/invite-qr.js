// The member's invite mini-program code (GET /api/v1/invite/qr, a PNG the server makes once)
// as a local file for <image> and wx.saveImageToPhotosAlbum: wx.downloadFile, because an
// <image> cannot send the session token. Resolves with the temp path, or '' when it fails
// (the share button still works without the picture).
const config = require('../config.js');
const api = require('./api.js');

async function downloadInviteQr() {
  if (typeof wx.downloadFile !== 'function') return '';
  await api.ensureLogin();
  const base = wx.getStorageSync('api_base_url') || config.apiBaseUrl;
  const token = wx.getStorageSync('session_token');
  return new Promise((resolve) => {
    wx.downloadFile({
      url: `${base}/api/v1/invite/qr`,
      header: { authorization: `Bearer ${token}` },
      success: (res) => resolve(res.statusCode === 200 ? res.tempFilePath : ''),
      fail: () => resolve(''),
    });
  });
}

function saveToAlbum(filePath) {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(true), fail: () => resolve(false) });
  });
}

module.exports = { downloadInviteQr, saveToAlbum };
