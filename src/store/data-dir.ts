// The data dir on disk: LevelDB's files, `root.key` (unless STRONGROOM_ROOT_KEY gives the root
// key) and `strongroom.json`, {"format": 1, "rootKeyFingerprint": "<hex>"}. The format lets a
// release refuse a data dir that a newer release wrote. The fingerprint (an HMAC under the
// key, never the key) lets a start refuse a root key other than the one the stored data was
// sealed with, and a data dir whose key file is gone: otherwise Strongroom would make a new
// key and every read of a secret or a key would then fail. The directory is 0700 and its
// files 0600: they hold the root key and the sealed values.
import { chmodSync, closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { fingerprint, newRootKey, parseRootKey } from './sealing';

/** The data format this release writes and reads. */
const DATA_FORMAT = 1;
export const ROOT_KEY_VARIABLE = 'STRONGROOM_ROOT_KEY';
const KEY_FILE = 'root.key';
const META_FILE = 'strongroom.json';

interface Meta {
  format: number;
  rootKeyFingerprint?: string;
}

export interface RootKey {
  key: Buffer;
  /** Whether Strongroom keeps the key (root.key, which a reset replaces) rather than being given it. */
  fromFile: boolean;
}

const ours = (stat: Stats) => process.getuid === undefined || stat.uid === process.getuid();

export class DataDir {
  readonly keyFile: string;
  private readonly metaFile: string;
  private meta: Meta | undefined;

  private constructor(readonly path: string) {
    this.keyFile = join(path, KEY_FILE);
    this.metaFile = join(path, META_FILE);
  }

  /** Creates the directory (0700; its parents as usual) or narrows one we own to 0700; reads strongroom.json, refusing a newer format. */
  static prepare(path: string): DataDir {
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) mkdirSync(path, { mode: 0o700 });
    else {
      const stat = statSync(path);
      if (!stat.isDirectory()) throw new Error(`data dir ${path} is not a directory`);
      if (ours(stat)) chmodSync(path, 0o700);
    }
    const dir = new DataDir(path);
    dir.meta = dir.readMeta();
    return dir;
  }

  /** strongroom.json; undefined in a new data dir, or in one written before the file existed (format 1 then). */
  private readMeta(): Meta | undefined {
    if (!existsSync(this.metaFile)) return undefined;
    let meta: Meta;
    try {
      meta = JSON.parse(readFileSync(this.metaFile, 'utf8'));
      if (!Number.isInteger(meta?.format) || meta.format < 1) throw new Error('no format number');
    } catch (err) {
      throw new Error(
        `${this.metaFile} is not readable (${(err as Error).message}): restore it, or remove it if ${this.keyFile} (or ${ROOT_KEY_VARIABLE}) is the key the data was sealed with`,
        { cause: err },
      );
    }
    if (meta.format > DATA_FORMAT) {
      throw new Error(
        `${this.path} was written by a newer Strongroom (data format ${meta.format}; this release reads format ${DATA_FORMAT}): start that release or a later one, or use another data dir`,
      );
    }
    return meta;
  }

  /**
   * The root key: `given` (from STRONGROOM_ROOT_KEY), else root.key, else a new key written to
   * root.key, which only a data dir without data may get. A key other than the one recorded is
   * refused while there is data (its values were sealed under the recorded key); without data
   * the key is simply recorded, as in a new data dir or one written before strongroom.json.
   */
  rootKey(given: Buffer | undefined, hasData: boolean): RootKey {
    let root: RootKey;
    if (given) root = { key: given, fromFile: false };
    else if (existsSync(this.keyFile)) root = { key: parseRootKey(readFileSync(this.keyFile, 'utf8'), this.keyFile), fromFile: true };
    else if (hasData) {
      throw new Error(
        `${this.path} holds data but its root key ${this.keyFile} is missing (and ${ROOT_KEY_VARIABLE} is not set): restore ${KEY_FILE}, or set ${ROOT_KEY_VARIABLE} to the key the data was sealed with, or start with an empty data dir. A new key is not made: none of the stored values could be read with it`,
      );
    } else {
      root = { key: newRootKey(), fromFile: true };
      this.writeKeyFile(root.key);
    }
    const recorded = this.meta?.rootKeyFingerprint;
    const actual = fingerprint(root.key);
    if (recorded !== undefined && recorded !== actual && hasData) throw this.wrongKey(root, recorded);
    if (recorded !== actual) this.record(actual);
    return root;
  }

  private wrongKey(root: RootKey, recorded: string): Error {
    if (root.fromFile) {
      return new Error(
        `the root key in ${this.keyFile} is not the key the data in ${this.path} was sealed with: restore the ${KEY_FILE} that was there (or set ${ROOT_KEY_VARIABLE} to that key), or start with an empty data dir`,
      );
    }
    let fileHasIt = false;
    try {
      fileHasIt = fingerprint(parseRootKey(readFileSync(this.keyFile, 'utf8'), this.keyFile)) === recorded;
    } catch {
      // No key file, or not a key: nothing to point at.
    }
    return new Error(
      `${ROOT_KEY_VARIABLE} is not the root key the data in ${this.path} was sealed with: ${
        fileHasIt ? `unset it to use ${this.keyFile}, which holds that key` : 'set it to that key'
      }, or start with an empty data dir`,
    );
  }

  /** A reset's new root key (root.key first: a crash between the two writes leaves an empty database, which takes any key). */
  replaceKey(key: Buffer): void {
    this.writeKeyFile(key);
    this.record(fingerprint(key));
  }

  private writeKeyFile(key: Buffer): void {
    this.writeFile(this.keyFile, `${key.toString('hex')}\n`);
  }

  private record(rootKeyFingerprint: string): void {
    this.meta = { format: DATA_FORMAT, rootKeyFingerprint };
    this.writeFile(this.metaFile, `${JSON.stringify(this.meta)}\n`);
  }

  /** Writes a whole file 0600 or leaves the old one: through a temporary file, synced, then renamed over it. */
  private writeFile(path: string, text: string): void {
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      // A temporary file left by a crash keeps its mode when opened again.
      fchmodSync(fd, 0o600);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    // The rename itself is durable once the directory is synced (not possible on Windows).
    if (process.platform !== 'win32') {
      const dir = openSync(this.path, 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  }

  /**
   * Narrows every file we own to 0600. LevelDB creates its files 0644 (less the umask): the 0700
   * directory is what keeps them from other users while it runs; this tightens them at open and
   * at close.
   */
  restrictFiles(): void {
    for (const name of readdirSync(this.path)) {
      const path = join(this.path, name);
      // A file LevelDB has just removed (after a compaction) is not an error.
      try {
        const stat = statSync(path);
        if (stat.isFile() && ours(stat) && (stat.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }

  /** What to say when LevelDB will not open: its lock is held by another process, or by another store in this one. */
  openFailure(err: unknown): unknown {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'LEVEL_LOCKED') return err;
    const holder = /already held by process/.test(cause.message ?? '') ? 'another Strongroom in this process' : 'another Strongroom process';
    return new Error(`data dir ${this.path} is in use by ${holder}: stop that one, or use another data dir`, { cause: err });
  }
}
