'use strict';
// `extsvc fix` and `extsvc migrate`: reading the inputs, printing or writing what the core
// returns, and counting for the summary line. What is fixed or migrated, the output text,
// the diff and the errors left all come from Rust (fix, migrate, unifiedDiff, check). Usage and I/O errors are thrown
// with code EXTSVC_INVALID_ARGUMENT (exit 2, one line on stderr).

const { printable, readInputs, replaceFile, findConfig, MAX_INPUT } = require('./inputs.js');

function usage(message) {
  const err = new Error(message);
  err.code = 'EXTSVC_INVALID_ARGUMENT';
  return err;
}

/** `1 file`, `2 files`. */
function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function at(name, location) {
  return location ? `${name}:${location.line}:${location.column}` : name;
}

/**
 * What differs between the two commands: the core call, its options, and how its result is
 * summed up.
 */
const KINDS = {
  fix: {
    options: (flags) => ({ unsafeFixes: Boolean(flags['unsafe-fixes']), kubeVersion: flags['kube-version'] }),
    run: (api, text, options) => api.fix(text, options),
    changes: (result) => result.applied.length,
    notes: (name, result) =>
      result.unsafeAvailable.map((a) => `${at(name, a.location)}: unsafe fix for ${a.code} (apply with --unsafe-fixes): ${a.description}`),
    summary: (totals, verb) => {
      const parts = [totals.changes === 0 ? 'nothing to fix' : `${verb('fix')} ${count(totals.changes, 'finding')} in ${count(totals.files, 'file')}`];
      if (totals.extra > 0) parts.push(`${count(totals.extra, 'unsafe fix', 'unsafe fixes')} available with --unsafe-fixes`);
      return parts;
    },
    extra: (result) => result.unsafeAvailable.length,
  },
  migrate: {
    options: (flags) => ({ keepEndpoints: Boolean(flags['keep-endpoints']), kubeVersion: flags['kube-version'] }),
    run: (api, text, options) => api.migrate(text, options),
    changes: (result) => result.migrated.length,
    notes: (name, result) =>
      result.skipped.map((s) => `${at(name, s.location)}: ${[s.object.kind, s.object.name].filter(Boolean).join(' ')} not migrated: ${s.reason}`),
    summary: (totals, verb) => {
      const parts = [totals.changes === 0 ? 'nothing to migrate' : `${verb('migrate')} ${count(totals.changes, 'object')} in ${count(totals.files, 'file')}`];
      if (totals.extra > 0) parts.push(`${count(totals.extra, 'object')} left as ${totals.extra === 1 ? 'it is' : 'they are'}`);
      return parts;
    },
    extra: (result) => result.skipped.length,
  },
};

/** A result that changes nothing in `file`, and says why (`refused`). */
function unchanged(file, refused) {
  return { refused, output: file.text, applied: [], unsafeAvailable: [], migrated: [], skipped: [] };
}

/** The result for an input over the size limit: not read to its end, nothing is changed. */
function tooLarge(file) {
  return unchanged(file, `not changed: larger than the limit of ${MAX_INPUT} bytes`);
}

/** The result for an input that is not UTF-8. */
function notUtf8(file) {
  return unchanged(file, 'not changed: it is not UTF-8 text (bytes that are not would be replaced by U+FFFD); save it as UTF-8');
}

/** The findings of `inputs` validated together, as `file\0code\0object` keys. */
function findings(api, inputs, checkOptions) {
  const report = JSON.parse(api.check(inputs, checkOptions, 'json', {}).output);
  return new Set(report.diagnostics.map((d) => findingKey(d.file, d)));
}

function findingKey(file, { code, object }) {
  return [file, code, object?.kind, object?.namespace, object?.name, object?.index].join('\0');
}

/** The fixes that change which Service an object pairs with (src/transform/mod.rs). */
const PAIRING = new Set(['EP-NAME-MATCH', 'EP-NAMESPACE-MATCH', 'ES-SERVICE-NAME-MATCH', 'ES-SERVICE-NAME-LABEL', 'ES-NAMESPACE-MATCH']);

/**
 * Each file is fixed on its own, but pairing is decided over all inputs: re-pairing an
 * object that pairs fine with a Service in another file would break what works. Returns
 * the first fix of the file that re-pairs an object whose finding the file has when read
 * alone but not when the inputs are read together (with the same options both times, so
 * an ignored or suppressed rule counts the same either way), if any.
 */
function pairedElsewhere(api, file, result, together, checkOptions) {
  const pairing = result.applied?.filter((a) => PAIRING.has(a.code)) ?? [];
  if (pairing.length === 0) return undefined;
  const alone = findings(api, [{ name: file.name, text: file.text }], checkOptions);
  return pairing.find((a) => alone.has(findingKey(file.name, a)) && !together.has(findingKey(file.name, a)));
}

/**
 * Runs `fix` or `migrate` over PATH...|-. Prints the result (one input), its unified diff
 * (--diff) and/or replaces the files (--write); the summary and notes go to stderr.
 * Returns the exit code: 1 when an input was refused (YAML errors) or errors remain, else 0.
 * @param {'fix'|'migrate'} command
 */
function transform(command, api, { flags, positionals }, { readStdin, stderr, stdout }) {
  const kind = KINDS[command];
  if (positionals.length === 0) throw usage(`${command} needs a PATH or '-' (see 'extsvc ${command} --help')`);
  if (flags.write && positionals.includes('-')) throw usage(`'--write' cannot write to standard input ('-'); redirect standard output instead`);
  // Settings from extsvc.json as `validate` reads them (a flag wins): the target version,
  // and which rules count when the errors that remain are counted.
  let config = {};
  try {
    config = findConfig(api, process.cwd())?.config ?? {};
  } catch (e) {
    // The config only changes which errors are counted here: a broken one is named, not fatal.
    stderr.write(`${printable(`extsvc: ${e.message} (ignored by ${command})`)}\n`);
  }
  const options = Object.fromEntries(Object.entries(kind.options(flags)).filter(([, v]) => v !== undefined));
  if (options.kubeVersion === undefined && config.kubeVersion !== undefined) options.kubeVersion = config.kubeVersion;
  kind.run(api, '', options); // checks the options (e.g. --kube-version) before any file is read
  const files = readInputs(api, positionals, { readStdin });
  if (files.length === 0) throw usage(`no .yaml, .yml or .json files found in ${positionals.join(', ')}`);
  const toStdout = !flags.write && !flags.diff;
  if (toStdout && files.length > 1) {
    throw usage(`${command} prints the result of one input; for ${files.length} files use --write or --diff`);
  }

  // A file that is not UTF-8 is read with U+FFFD in place of its bad bytes; writing or
  // printing that text would change bytes nobody asked to change.
  const results = files.map((file) => ({ file, result: file.tooLarge ? tooLarge(file) : file.utf8 === false ? notUtf8(file) : kind.run(api, file.text, options) }));
  const checkOptions = Object.fromEntries(Object.entries({ kubeVersion: options.kubeVersion, select: config.select, ignore: config.ignore }).filter(([, v]) => v !== undefined));
  if (command === 'fix' && files.length > 1) {
    const together = findings(api, files.map((f) => ({ name: f.name, text: f.text })), checkOptions);
    for (const entry of results) {
      const fix = pairedElsewhere(api, entry.file, entry.result, together, checkOptions);
      if (fix === undefined) continue;
      const what = [fix.object?.kind, fix.object?.name].filter(Boolean).join(' ');
      entry.result = unchanged(entry.file, `not changed: ${fix.code} on ${what} is a finding only when this file is read alone; with the other inputs it is paired as it is`);
    }
  }
  const totals = { changes: 0, files: 0, extra: 0, refused: 0, errors: 0 };
  for (const { file, result } of results) {
    const changes = kind.changes(result);
    totals.changes += changes;
    totals.files += changes > 0 ? 1 : 0;
    totals.extra += kind.extra(result);
    if (result.refused !== undefined) {
      totals.refused += 1;
      stderr.write(`${printable(`${file.name}: ${result.refused}`)}\n`);
    }
    for (const note of kind.notes(file.name, result)) stderr.write(`${printable(note)}\n`);
    if (flags.diff) stdout.write(api.unifiedDiff(file.name, file.text, result.output));
    // Not all of a file over the limit was read: nothing of it is printed rather than a part.
    if (toStdout && !file.tooLarge) stdout.write(file.utf8 === false ? file.bytes : result.output);
  }
  // Written only after every input was transformed, so a failure of the core writes nothing.
  // A file that cannot be written is named and the others are still written, so the summary
  // says what happened to each (an abort left some written and the rest silently not).
  let failed = false;
  if (flags.write) {
    for (const entry of results) {
      const { file, result } = entry;
      if (result.refused !== undefined || result.output === file.text) continue;
      let declined;
      try {
        declined = replaceFile(file.name, file.text, result.output);
      } catch (e) {
        if (e?.code !== 'EXTSVC_INVALID_ARGUMENT') throw e;
        declined = e.message;
        failed = true;
      }
      if (declined !== null) {
        entry.unwritten = true;
        totals.refused += 1;
        totals.changes -= kind.changes(result);
        totals.files -= 1;
        stderr.write(`${printable(`${file.name}: not written: ${declined}`)}\n`);
      }
    }
  }

  // The results validated together, as `extsvc validate` would see them: a Service and its
  // Endpoints in different files are paired (each file's own `remaining` cannot know that).
  // A file left unwritten counts as it still is.
  const after = api.check(results.map(({ file, result, unwritten }) => ({ name: file.name, text: unwritten ? file.text : result.output })), checkOptions, 'json', {});
  totals.errors = after.summary.errors;
  const verb = (v) => (flags.diff && !flags.write ? `would ${v}` : `${v === 'fix' ? 'fixed' : 'migrated'}`);
  const parts = kind.summary(totals, verb);
  if (totals.refused > 0) parts.push(`${count(totals.refused, 'file')} not changed`);
  if (totals.errors > 0) parts.push(`${count(totals.errors, 'error')} ${totals.errors === 1 ? 'remains' : 'remain'} (see 'extsvc validate')`);
  stderr.write(`${parts.join('; ')}\n`);
  if (failed) return 2; // an I/O error, as when reading fails
  return totals.refused > 0 || totals.errors > 0 ? 1 : 0;
}

module.exports = { transform };
