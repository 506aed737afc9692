/**
 * Cloud storage, locally: files live under the data folder's `storage/`. The SDK asks for upload
 * metadata (`storage.getUploadMetadata`) and PUTs the file to the URL it is given, as it would to
 * COS; download URLs (`storage.batchGetDownloadUrl`) point back at this server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Errors } from './errors';

export const BUCKET = 'local-bucket';

export class LocalStorage {
  constructor(
    readonly rootDir: string,
    private readonly envId: string,
    private readonly baseUrl: () => string,
  ) {}

  /** A cloud path, checked: relative, no `..`, ordinary characters. */
  private safe(cloudPath: string): string {
    const clean = cloudPath.replace(/^\/+/, '');
    if (!clean || clean.split('/').some((p) => p === '..' || p === '') || !/^[\w\-./\u4e00-\u9fa5]+$/.test(clean)) {
      throw Errors.invalidParam(`invalid cloud path: ${cloudPath}`);
    }
    return clean;
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.${BUCKET}/${this.safe(cloudPath)}`;
  }

  /**
   * The download URL, with the path as written (Chinese and all), as CloudBase's temp URLs come:
   * the SDK's downloadFile runs encodeURI over it, so an encoded path would be encoded twice.
   */
  urlFor(cloudPath: string): string {
    return `${this.baseUrl()}/_localcloud/storage/${this.safe(cloudPath)}`;
  }

  pathOfFileId(fileId: string): string {
    const prefix = `cloud://${this.envId}.${BUCKET}/`;
    if (!fileId.startsWith(prefix)) throw Errors.invalidParam(`not a file of this environment: ${fileId}`);
    return this.safe(fileId.slice(prefix.length));
  }

  write(cloudPath: string, content: Buffer): void {
    const file = path.join(this.rootDir, this.safe(cloudPath));
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    } catch (err) {
      // A folder where a file should be, or a file where a folder should be: the path's fault.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
        throw Errors.invalidParam(`cloud path clashes with an existing file or folder: ${cloudPath}`);
      throw err;
    }
  }

  /** Deletes the file; false when there was none. */
  remove(cloudPath: string): boolean {
    const file = path.join(this.rootDir, this.safe(cloudPath));
    try {
      if (!fs.statSync(file).isFile()) return false;
    } catch {
      return false; // missing, or a path through a file
    }
    fs.rmSync(file);
    return true;
  }

  /** Every file stored, by cloud path (for LocalCloud's own page). */
  list(): { path: string; bytes: number }[] {
    if (!fs.existsSync(this.rootDir)) return [];
    return (fs.readdirSync(this.rootDir, { recursive: true }) as string[])
      .map((relative) => ({ relative, stat: fs.statSync(path.join(this.rootDir, relative)) }))
      .filter(({ stat }) => stat.isFile())
      .map(({ relative, stat }) => ({ path: relative.split(path.sep).join('/'), bytes: stat.size }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  read(cloudPath: string): Buffer | null {
    const file = path.join(this.rootDir, this.safe(cloudPath));
    try {
      return fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
    } catch {
      return null; // missing, or a path through a file
    }
  }
}
