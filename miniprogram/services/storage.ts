/**
 * Uploads to cloud storage (a complaint's photo). Answers null when the platform cannot upload
 * or the upload fails: the caller decides whether to go on without the file.
 */
export async function uploadToCloud(cloudPath: string, filePath: string): Promise<string | null> {
  if (!wx.cloud || typeof wx.cloud.uploadFile !== 'function') return null;
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath });
    return res.fileID || null;
  } catch (err) {
    console.error(`[storage] upload to ${cloudPath} failed`, err);
    return null;
  }
}
