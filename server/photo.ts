/**
 * A photo someone uploaded and names by its fileID: read back and refused, by field, when missing,
 * over the size a phone's compressed picture fits in, or not a picture at all.
 */
import { CLUE_PHOTO_MAX_BYTES, isPicture } from '../core/clue';
import { cloud } from './cloud';
import { invalid } from './errors';

export const PHOTO_MAX_BYTES = CLUE_PHOTO_MAX_BYTES;

export async function checkPhoto(fileID: string, field: string): Promise<void> {
  let content: Buffer;
  try {
    content = ((await cloud.downloadFile({ fileID })) as { fileContent: Buffer }).fileContent;
  } catch {
    throw invalid(field, '照片无效，请重新上传');
  }
  if (content.length > PHOTO_MAX_BYTES) throw invalid(field, '照片不能超过 2 MB，请重新选择');
  if (!isPicture(content.subarray(0, 12))) throw invalid(field, '只能上传照片');
}

/** Temporary links (about two hours) for the pictures, in their order; one call for all. */
export async function photoUrls(fileIds: string[]): Promise<Map<string, string>> {
  if (!fileIds.length) return new Map();
  const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds })) as {
    fileList: { fileID: string; tempFileURL: string }[];
  };
  return new Map(fileList.map((f) => [f.fileID, f.tempFileURL]));
}
