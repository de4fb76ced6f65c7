'use strict';
// The I/O of the CLI: reading the inputs (files, directories, globs, standard input),
// finding the config file, writing a report or a fixed file atomically. What a glob matches
// and what a config means are decided in Rust (matchGlobs, parseConfig); this file only
// walks, reads and writes. Errors are thrown with code EXTSVC_INVALID_ARGUMENT, which
// the CLI reports in one line with exit code 2.

const fs = require('node:fs');
const path = require('node:path');
const { isUtf8 } = require('node:buffer');

/** Extensions a directory walk picks up (a glob or a named file may be anything). */
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Config file names, in the order they are looked for in each directory. */
const CONFIG = 'extsvc.json';
const PACKAGE = 'package.json';

/**
 * `text` for one line of a terminal or CI log: control characters (from file names, object
 * names) replaced by U+FFFD, as the text report shows them, so that no name can move the
 * cursor, recolour the terminal or start a line of its own (`\n::error::` in a GitHub log).
 */
function printable(text) {
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, '\ufffd');
}

function usage(message) {
  const err = new Error(message);
  err.code = 'EXTSVC_INVALID_ARGUMENT';
  return err;
}

function ioError(file, e, verb = 'read') {
  const reason = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory' }[e?.code];
  return usage(`cannot ${verb} '${file}': ${reason ?? e?.message ?? e}`);
}

/** The largest config file (or package.json holding one) read: far above any real one. */
const MAX_CONFIG = 4 * 1024 * 1024;

/**
 * A config file's text, at most MAX_CONFIG bytes. A config found by the search must be a
 * regular file: it is looked for in every directory up to the root, so a `/tmp/extsvc.json`
 * linked to /dev/zero, or a FIFO, would otherwise hang every run below it (opened
 * non-blocking, a FIFO is refused rather than waited on). One named by `--config` may be
 * anything readable, such as `<(...)`.
 */
function readConfig(file, found) {
  let fd;
  try {
    fd = fs.openSync(file, found ? fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) : 'r');
    if (found && !fs.fstatSync(fd).isFile()) throw usage(`cannot read '${file}': not a regular file`);
    const bytes = readFd(fd, MAX_CONFIG);
    if (bytes.length > MAX_CONFIG) throw usage(`cannot read '${file}': larger than ${MAX_CONFIG / 1024 / 1024} MiB, too large for a config file`);
    return bytes.toString('utf8');
  } catch (e) {
    throw e?.code === 'EXTSVC_INVALID_ARGUMENT' ? e : ioError(file, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * `{name, text, utf8, bytes, tooLarge}`: the text decoded as Node decodes a file, whether it
 * was UTF-8, and whether it was over the size limit (then its text is not all there).
 */
function decoded(name, bytes) {
  if (bytes.length > MAX_INPUT) return { name, text: '', utf8: true, tooLarge: true };
  const utf8 = isUtf8(bytes);
  // The bytes are kept only when the text cannot give them back.
  return { name, text: bytes.toString('utf8'), utf8, bytes: utf8 ? undefined : bytes };
}

/** Bytes read per call: large enough to be fast, small enough that a file is never held whole. */
const PIECE = 1 << 20;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * `fs.readSync` that waits on a descriptor opened non-blocking by whoever started us (a
 * pipe's EAGAIN means "not yet", not an error).
 */
function readSome(fd, view, length) {
  for (;;) {
    try {
      return fs.readSync(fd, view, 0, length, null);
    } catch (e) {
      if (e?.code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/**
 * Reads descriptor `fd` into `into` (the CLI's `api.__inputs()`, after `begin`): piece by
 * piece, straight into the module's memory, so the text is never held as a JS string. Stops
 * when the input takes no more (past the size limit, YAML-LIMIT), so an endless input ends.
 */
function readFdInto(into, fd, piece) {
  for (;;) {
    const view = into.buffer(piece);
    const n = readSome(fd, view, piece);
    if (n === 0 || !into.push(n)) return;
  }
}

/** The input size limit (`Limits::max_input_bytes`): what is past it is never read. */
const MAX_INPUT = 256 * 1024 * 1024;

/**
 * Descriptor `fd` as bytes (files and standard input for fix, migrate and generate; config
 * files), past `limit` by at most one piece: a longer one (an endless one) is cut there, and
 * the caller refuses it.
 */
function readFd(fd, limit = MAX_INPUT) {
  const pieces = [];
  let total = 0;
  while (total <= limit) {
    const piece = Buffer.allocUnsafe(PIECE);
    const n = readSome(fd, piece, PIECE);
    if (n === 0) break;
    pieces.push(piece.subarray(0, n));
    total += n;
  }
  return Buffer.concat(pieces);
}

/** `file` as bytes, up to one byte past the size limit (see `readFd`); errors name it. */
function readFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    return readFd(fd);
  } catch (e) {
    throw ioError(file, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads `file` into `into` as input `name` (see `readFdInto`). */
function readInto(into, name, file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    into.begin(name);
    // A small file needs no 1 MiB buffer (zeroing one is a visible part of start-up).
    const stat = fs.fstatSync(fd);
    readFdInto(into, fd, stat.isFile() ? Math.min(PIECE, stat.size + 1) : PIECE);
  } catch (e) {
    throw ioError(file, e);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Every file under `dir` (sorted, depth first), skipping hidden directories and
 * node_modules; `filter(name)` decides which files count. Symlink loops are walked once.
 * A file or directory whose name is not UTF-8 (Node opens files by string names, which
 * cannot spell it) is listed under its shown name, with U+FFFD, and added to `unreadable`
 * (a directory, as it cannot be walked, if it is not a loop): it is an error only if it
 * survives the glob and the excludes (readInputs), so a file the run would never read
 * stays harmless.
 */
function walk(dir, filter, unreadable) {
  const files = [];
  const seen = new Set();
  const visit = (d) => {
    let real;
    try {
      real = fs.realpathSync(d);
    } catch (e) {
      throw ioError(d, e);
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries;
    try {
      // As bytes: a name that is not UTF-8 would come back with U+FFFD in it, name no file,
      // and be skipped as if it were a dangling symlink, leaving a manifest out of a CI check.
      entries = fs.readdirSync(d, { encoding: 'buffer' }).map((bytes) => ({ bytes, name: bytes.toString('utf8') }));
    } catch (e) {
      throw ioError(d, e);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { bytes, name: entry } of entries) {
      const full = d === '.' ? entry : path.join(d, entry);
      if (!isUtf8(bytes)) {
        const raw = Buffer.concat([Buffer.from(d === '.' ? '' : d + path.sep), bytes]);
        let stat;
        try {
          stat = fs.statSync(raw);
        } catch {
          continue;
        }
        // (The JS realpath cannot take such a name; the native one can.)
        const wanted = stat.isDirectory()
          ? !entry.startsWith('.') && entry !== 'node_modules' && !seen.has(fs.realpathSync.native(raw, { encoding: 'buffer' }).toString())
          : stat.isFile() && filter(entry);
        if (wanted) {
          unreadable.add(full);
          files.push(full);
        }
        continue;
      }
      let stat;
      try {
        stat = fs.statSync(full);
      } catch {
        continue; // a dangling symlink inside a directory is not the user's input
      }
      if (stat.isDirectory()) {
        if (!entry.startsWith('.') && entry !== 'node_modules') visit(full);
      } else if (stat.isFile() && filter(entry)) {
        files.push(full);
      }
    }
  };
  visit(dir);
  return files;
}

/**
 * What identifies a file however it is named (a symlink, a hard link, another case on a
 * case-insensitive file system): its device and inode, else its real path.
 */
function realKey(file) {
  try {
    const { dev, ino } = fs.statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return path.resolve(file); // reading it fails later, naming it
  }
}

function isLink(file) {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

const GLOB = /[*?[{]/;

/** The literal directory a glob starts in (`m/prod` for `m/prod/**\/*.yaml`). */
function globBase(pattern) {
  const segments = pattern.split(/[\\/]/);
  const literal = [];
  for (const s of segments.slice(0, -1)) {
    if (GLOB.test(s)) break;
    literal.push(s);
  }
  if (literal.length === 0) return '.';
  if (literal.length === 1 && literal[0] === '') return path.sep;
  return literal.join(path.sep) || '.';
}

/**
 * Reads PATH... into [{name, text, utf8, bytes}] (`utf8`: whether the bytes were UTF-8, or
 * `text` replaced what was not by U+FFFD, and then `bytes` are the file's; with `into`, an `api.__inputs()`: into it, returning
 * [{name}]; `readStdin(into)` then reads into it, else `readStdin()` returns the bytes):
 * files as given; directories recursively (.yaml, .yml,
 * .json); globs (`'m/**\/*.yaml'`, quoted so the shell leaves them) expanded by walking their
 * base directory; '-' as standard input, named `stdinName`. Files found by walking or by a
 * glob are dropped when an `excludes` entry ({patterns, base}) matches their path relative
 * to its base; files named explicitly are always read.
 */
function readInputs(api, paths, { readStdin, stdinName = '<stdin>', excludes = [], into }) {
  const excluded = (found) => {
    let kept = found;
    for (const { patterns, base } of excludes) {
      if (patterns.length === 0 || kept.length === 0) continue;
      const relative = kept.map((f) => path.relative(base, path.resolve(f)));
      const hits = api.__matchGlobs(patterns, relative, true);
      kept = kept.filter((_, i) => !hits[i]);
    }
    return kept;
  };
  // Every path is resolved to file names first, so a missing file fails before stdin is read.
  const entries = [];
  const unreadable = new Set(); // what the walks found with names that are not UTF-8
  for (const p of paths) {
    if (p === '-') {
      entries.push(null);
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      if (e?.code === 'ENOENT' && GLOB.test(p)) {
        const base = globBase(p);
        if (!fs.existsSync(base)) continue; // matches nothing, like a shell's nullglob
        const all = walk(base, () => true, unreadable);
        const hits = api.__matchGlobs([p], all, false);
        entries.push(...excluded(all.filter((_, i) => hits[i])));
        continue;
      }
      throw ioError(p, e);
    }
    if (stat.isDirectory()) entries.push(...excluded(walk(p, (name) => EXTENSIONS.has(path.extname(name).toLowerCase()), unreadable)));
    else entries.push(p);
  }
  const misnamed = entries.find((entry) => unreadable.has(entry));
  if (misnamed !== undefined) {
    // It was skipped as a dangling symlink once, so a directory of broken manifests passed.
    throw usage(`cannot read '${misnamed}': its name is not valid UTF-8 (rename it, or exclude it)`);
  }
  // In the order given; a file given twice (named, and inside a directory, or through a
  // symlink) is read once, or cross-object checks would see every object in it twice. It
  // is reported under a name that is not a symlink's when it has one.
  const names = new Map();
  // Resolved once per entry (a walk of 20,000 files would otherwise resolve each twice).
  const keys = entries.map((entry) => (entry === null ? null : realKey(entry)));
  for (const [i, entry] of entries.entries()) {
    if (entry === null) continue;
    const key = keys[i];
    const kept = names.get(key);
    if (kept === undefined || (isLink(kept) && !isLink(entry))) names.set(key, entry);
  }
  const files = [];
  const seen = new Set();
  for (const [i, entry] of entries.entries()) {
    if (entry === null) {
      if (into) {
        into.begin(stdinName);
        readStdin(into);
        files.push({ name: stdinName });
      } else {
        files.push(decoded(stdinName, readStdin()));
      }
      continue;
    }
    const key = keys[i];
    if (seen.has(key) || names.get(key) !== entry) continue;
    seen.add(key);
    if (into) {
      readInto(into, entry, entry);
      files.push({ name: entry, key });
    } else {
      files.push({ ...decoded(entry, readFile(entry)), key });
    }
  }
  return files;
}

/**
 * The config for a run started in `start`: `explicit` when given (--config), else the first
 * `extsvc.json`, or `package.json` with an "extsvc" field, walking up to the filesystem
 * root. Returns {config, dir, file} or null. A bad config throws, naming the file.
 */
function findConfig(api, start, explicit) {
  const load = (file, packageJson, found = true) => {
    // A leading byte-order mark (editors on Windows write one) is not part of the JSON;
    // npm ignores it in package.json too.
    const text = readConfig(file, found).replace(/^\uFEFF/, '');
    let config;
    try {
      config = api.parseConfig(text, packageJson);
    } catch (e) {
      throw usage(`${file}: ${e.message}`);
    }
    return config === null ? null : { config, dir: path.dirname(path.resolve(file)), file };
  };
  if (explicit !== undefined) return load(explicit, path.basename(explicit) === PACKAGE, false);
  let dir = path.resolve(start);
  for (;;) {
    const own = path.join(dir, CONFIG);
    if (fs.existsSync(own)) return load(own, false);
    const pkg = path.join(dir, PACKAGE);
    if (fs.existsSync(pkg)) {
      const found = load(pkg, true);
      if (found) return found;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Paths that name one of this process's descriptors. */
const DESCRIPTOR_PATHS = /^\/(?:dev\/(stdout|stderr|stdin)|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/;

/**
 * Where writing `file` goes: through symlinks to their target, and whether that target is
 * something other than a regular file (a device such as /dev/null or /dev/stdout, a FIFO),
 * which must be written into, never replaced.
 */
function writeTarget(file) {
  try {
    const real = fs.realpathSync(file);
    return { real, special: !fs.statSync(real).isFile() };
  } catch {
    // Not there yet. A dangling symlink is written through (its target is created).
    let link = false;
    try {
      link = fs.lstatSync(file).isSymbolicLink();
    } catch {
      // Nothing at all: a new file.
    }
    return { real: file, special: link };
  }
}

/**
 * Writes `text` to `file` atomically (a temp file in the same directory, then a rename), so a
 * reader never sees half a report; missing parent directories are created. `mode` sets the
 * file's permission bits (default: the umask's), and `owner` ({uid, gid}) its owner where
 * allowed. A symlink is written through to its target; a device or a FIFO is written into,
 * as a shell's `>` does.
 */
function writeAtomic(to, text, mode, owner) {
  if (to === '') throw usage("cannot write '': an empty file name");
  // `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: the descriptor we already have. Opened by
  // name it would be truncated (`>> log` lost its lines), or resolve to a file and be replaced.
  const fd = DESCRIPTOR_PATHS.exec(to);
  if (fd) {
    const n = fd[1] === 'stdout' ? 1 : fd[1] === 'stderr' ? 2 : fd[1] === 'stdin' ? 0 : Number(fd[2] ?? fd[3]);
    try {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(n, bytes, at);
    } catch (e) {
      throw usage(`cannot write '${to}': ${e?.message ?? e}`);
    }
    return;
  }
  const { real: file, special } = writeTarget(to);
  if (special) {
    try {
      fs.writeFileSync(file, text);
    } catch (e) {
      throw usage(`cannot write '${to}': ${e?.message ?? e}`);
    }
    return;
  }
  // Not named after the file (a 250-byte name made too long a name), and random, so that
  // two runs with the same PID (containers) never share one. Math.random is enough: the file
  // is created exclusively, and node:crypto would add 3 ms to every start.
  const tmp = path.join(path.dirname(file), `.extsvc-${Math.random().toString(36).slice(2, 12)}.tmp`);
  let out;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    out = fs.openSync(tmp, 'wx', 0o600); // never through a link planted at that name
    fs.writeFileSync(out, text);
    // Through the descriptor, not the name, which someone who can write the directory
    // could meanwhile point at another file (then chowned by root).
    if (mode !== undefined) fs.fchmodSync(out, mode);
    if (owner !== undefined) {
      // The replacement is a new file, owned by whoever runs this: keep the old owner where
      // allowed (root, as in a container working on a mounted repository), as `sed -i` does.
      try {
        fs.fchownSync(out, owner.uid, owner.gid);
        // chown clears set-id bits; if they were set, set them again where allowed.
        if (mode !== undefined && mode & 0o6000) fs.fchmodSync(out, mode);
      } catch {
        // Not permitted: the file is ours now, as with any editor that renames into place.
      }
    }
    fs.closeSync(out);
    out = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (out !== undefined) {
      try {
        fs.closeSync(out);
      } catch {
        // Closed already or never usable: nothing to do.
      }
    }
    // Only a file this call created: another process's with that name is not ours to remove.
    if (out !== undefined || e?.code !== 'EEXIST') {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // Nothing more to clean up.
      }
    }
    throw usage(`cannot write '${to}': ${e?.message ?? e}`);
  }
}

/**
 * Replaces the content of `file`, read earlier as `original`, with `text` (`fix --write`):
 * atomically, through a symlink to its target, keeping the permission bits. Declines when the
 * file changed since it was read, or is not UTF-8 (its text was decoded lossily), so no byte
 * of the user's is lost: returns why, or null when the file was written.
 */
function replaceFile(file, original, text) {
  let real;
  let mode;
  let owner;
  let current;
  try {
    real = fs.realpathSync(file);
    const stat = fs.statSync(real);
    // A FIFO or a device cannot be re-read (a FIFO would wait forever) nor replaced.
    if (!stat.isFile()) return 'it is not a regular file';
    // The new file is renamed into place: the other names of a hard-linked file would keep
    // the old text.
    if (stat.nlink > 1) return `it has ${stat.nlink} hard links, which replacing it would split`;
    mode = stat.mode & 0o7777;
    owner = { uid: stat.uid, gid: stat.gid };
    current = fs.readFileSync(real);
    // The rename would replace a read-only file too; writing in place would not.
    fs.accessSync(real, fs.constants.W_OK);
  } catch (e) {
    throw ioError(file, e, 'write');
  }
  if (!current.equals(Buffer.from(original, 'utf8'))) {
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(current);
    } catch {
      utf8 = false;
    }
    return utf8 ? 'it changed since it was read' : 'it is not UTF-8 text';
  }
  writeAtomic(real, text, mode, owner);
  return null;
}

module.exports = { printable, realKey, readInputs, findConfig, writeAtomic, replaceFile, readFd, readFile, readFdInto, PIECE, MAX_INPUT };
