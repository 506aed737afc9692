/**
 * The one place that initialises wx-server-sdk. `DYNAMIC_CURRENT_ENV` makes every function use
 * the environment it runs in, in the cloud and in the local cloud alike.
 */
import cloud from 'wx-server-sdk';
import type { Caller } from './handler';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export const db = cloud.database();
export const command = db.command;

export function currentCaller(): Caller {
  const { OPENID } = cloud.getWXContext();
  return { openid: OPENID || undefined };
}

/** A temporary download link (about two hours) for one file in storage. */
export async function tempFileUrl(fileID: string): Promise<string> {
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] };
  return fileList[0].tempFileURL;
}

/** Writes a file to storage; answers its id and a temporary link to it. */
export async function uploadWithLink(cloudPath: string, fileContent: Buffer): Promise<{ fileID: string; url: string }> {
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent })) as { fileID: string };
  return { fileID, url: await tempFileUrl(fileID) };
}

export { cloud };
