#!/usr/bin/env node
'use strict';
// The extsvc CLI: argument parsing and I/O only. Validation, rendering and exit codes are
// decided in Rust (check, renderGenerate, renderRules); this file reads files, writes the
// bytes it is given and maps thrown errors to exit codes.
//
// Exit codes: 0 no error findings, 1 error findings (or warnings with --error-on-warning;
// for fix and migrate: errors remain, or an input was not changed), 2 usage, config or I/O
// error, 3 internal failure.

const fs = require('node:fs');

// Before the module is loaded (it is compiled when first required).
require('./tiering.js').useNewerTieringBudget();

const { printable, realKey, readInputs, findConfig, writeAtomic, readFd, readFile, readFdInto, PIECE, MAX_INPUT } = require('./inputs.js');
const { transform } = require('./transform.js');

const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3;

/** What `fix --help` and `migrate --help` both say about output, --write and exit codes. */
const TRANSFORM_NOTES = `Without --write or --diff the result of the one input is printed on standard output
(several inputs need --write or --diff). A file with YAML errors is never changed: it is
printed as it is, or left as it is by --write, named on standard error, and the exit
code is 1. --write replaces each changed file atomically (a temporary file in the same
directory, then a rename), keeping its permissions; a file that changed since it was read
is not written. - reads standard input and prints to standard output (--write cannot be
used with it). A directory is searched for .yaml, .yml and .json files. The summary goes
to standard error.

Exit codes: 0 no errors remain, 1 errors remain or an input was not changed,
2 usage or I/O error, 3 internal failure.
`;

const HELP = {
  main: `extsvc — generate and validate Kubernetes manifests that expose external backends

Usage:
  extsvc validate [OPTIONS] PATH...|-
  extsvc fix [--unsafe-fixes] [--diff] [--write] PATH...|-
  extsvc migrate [--keep-endpoints] [--diff] [--write] PATH...|-
  extsvc generate [--format yaml|json] SPEC.json|-
  extsvc rules [--format text|json|sarif]
  extsvc --version
  extsvc [COMMAND] --help

Exit codes: 0 no error findings, 1 error findings (or warnings with --error-on-warning;
for fix and migrate: errors remain, or an input was not changed), 2 usage, config or I/O
error, 3 internal failure.
`,
  validate: `Usage: extsvc validate [OPTIONS] PATH...|-

Validates Service, Endpoints and EndpointSlice manifests; all inputs are checked together.
A directory is searched for .yaml, .yml and .json files (hidden directories and
node_modules are skipped); a quoted glob ('manifests/**/*.yaml') is expanded; - reads
standard input (helm template ... | extsvc validate -). YAML that is not a Kubernetes
object is skipped. Settings come from the first extsvc.json (or "extsvc" in package.json)
found from the working directory upwards; flags override it.

Options:
  --format FORMAT        text, json, sarif, github or gitlab (default: text)
  --kube-version 1.NN    Target Kubernetes version (default: the newest supported)
  --select RULES         Report only these rules: codes, names or prefixes like EP-
                         (comma-separated, repeatable)
  --ignore RULES         Never report these rules (wins over --select)
  --exclude GLOB         Skip matching files found in directories or globs (repeatable)
  --error-on-warning     Exit 1 on warnings too
  --exit-zero            Exit 0 even when there are findings (2 and 3 still apply)
  --output FILE          Write the report to FILE (atomically) instead of stdout
  --quiet                Print no report on stdout (the exit code tells; --output still writes)
  --stdin-filename NAME  Name findings from - with NAME (default: <stdin>)
  --config FILE          Use this config file instead of searching for one
  --no-config            Use no config file
  -h, --help             Show this help

Suppress a finding on one object with an annotation that gives the reason:
  ignore-check.extsvc.io/<rule>: "why this does not apply"
`,
  fix: `Usage: extsvc fix [OPTIONS] PATH...|-

Repairs what the validator finds where one repair is safe and unambiguous: names,
namespaces and labels of Endpoints and EndpointSlices aligned with their Service, port
names, managed-by, IP spellings, quoting of YAML 1.1 booleans and numbers. Only
the changed values are edited: comments, key order and other documents stay as they are.
Fixing fixed output changes nothing. Each file is fixed on its own: a Service and its
Endpoints are repaired together only when they are in the same file, and a file whose
fix answers a finding it has only when read alone (its Endpoints' Service is in another
input) is left as it is. The errors that remain are counted over all inputs together,
as 'extsvc validate' counts them.

Options:
  --unsafe-fixes         Also apply fixes that may change what the manifests mean
                         (remove a Service's selector, align an endpoint port's protocol)
  --diff                 Print a unified diff of the changes instead of the result
  --write                Replace the files with the result
  --kube-version 1.NN    Target Kubernetes version (default: the newest supported)
  -h, --help             Show this help

${TRANSFORM_NOTES}`,
  migrate: `Usage: extsvc migrate [OPTIONS] PATH...|-

Moves v1 Endpoints (deprecated since Kubernetes 1.33) to EndpointSlices: one slice per
address family, at most 1000 endpoints each, ready and not-ready addresses, hostnames,
node names, ports, labels and annotations carried over, the kubernetes.io/service-name
label set. An EndpointSlice holding a DNS name becomes an ExternalName Service. Other
documents stay as they are; the comments of a replaced Endpoints go above its slices.

Options:
  --keep-endpoints       Keep each Endpoints next to its new EndpointSlices
  --diff                 Print a unified diff of the changes instead of the result
  --write                Replace the files with the result
  --kube-version 1.NN    Target Kubernetes version (default: the newest supported)
  -h, --help             Show this help

${TRANSFORM_NOTES}`,
  generate: `Usage: extsvc generate [OPTIONS] SPEC.json|-

Generates the manifests for an external backend from a JSON spec; - reads standard input.

Options:
  --format yaml|json     Output format (default: yaml; json is a kubectl-applicable List)
  -h, --help             Show this help
`,
  rules: `Usage: extsvc rules [OPTIONS]

Lists every rule extsvc checks.

Options:
  --format text|json|sarif  Output format (default: text)
  -h, --help             Show this help
`,
};

/** Options each command takes: name -> false (a switch), true (a value) or 'list' (repeatable). */
const OPTIONS = {
  validate: {
    format: true,
    'kube-version': true,
    select: 'list',
    ignore: 'list',
    exclude: 'list',
    'error-on-warning': false,
    'exit-zero': false,
    output: true,
    quiet: false,
    'stdin-filename': true,
    config: true,
    'no-config': false,
    help: false,
  },
  fix: { 'unsafe-fixes': false, diff: false, write: false, 'kube-version': true, help: false },
  migrate: { 'keep-endpoints': false, diff: false, write: false, 'kube-version': true, help: false },
  generate: { format: true, help: false },
  rules: { format: true, help: false },
};

class UsageError extends Error {}

function parse(command, args) {
  const known = OPTIONS[command];
  const flags = {};
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!Object.hasOwn(known, name)) throw new UsageError(`unknown option '--${name}' for '${command}'`);
    let value;
    if (!known[name]) {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      value = true;
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else if (i + 1 < args.length) {
      value = args[++i];
    } else {
      throw new UsageError(`option '--${name}' needs a value`);
    }
    if (known[name] === 'list') (flags[name] ??= []).push(value);
    else if (known[name] && Object.hasOwn(flags, name)) throw new UsageError(`option '--${name}' given twice`);
    else flags[name] = value;
  }
  return { flags, positionals };
}

function colorFor(stream) {
  const noColor = process.env.NO_COLOR;
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === '');
}

let stdinUsed = false;

/**
 * Standard input as bytes (a Buffer); with `into` (an `api.__inputs()`), read into it piece
 * by piece instead, never held whole. A descriptor that cannot be read (closed, a directory) is an
 * I/O error (exit 2), not an internal one.
 */
function readStdin(into) {
  if (stdinUsed) throw new UsageError("'-' (standard input) given more than once");
  stdinUsed = true;
  try {
    if (into === undefined) return readFd(0);
    readFdInto(into, 0, PIECE);
  } catch (e) {
    if (e?.code === 'EXTSVC_INTERNAL') throw e;
    throw new UsageError(`cannot read standard input: ${reason(e)}`);
  }
}

/** Why a read failed, in a few words. */
function reason(e) {
  const known = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory', EBADF: 'not open' }[e?.code];
  return known ?? e?.message ?? String(e);
}

/** `--select EP-,ep-deprecated --select X` -> ['EP-', 'ep-deprecated', 'X']. */
function list(values) {
  if (values === undefined) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Drops undefined entries, so Rust sees only the options that were set. */
function defined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function validate(api, { flags, positionals }) {
  if (positionals.length === 0) throw new UsageError("validate needs a PATH or '-' (see 'extsvc validate --help')");
  if (flags.config !== undefined && flags['no-config']) throw new UsageError("options '--config' and '--no-config' exclude each other");
  const found = flags['no-config'] ? null : findConfig(api, process.cwd(), flags.config);
  const config = found?.config ?? {};
  // Flags override the config key by key.
  const options = defined({
    kubeVersion: flags['kube-version'] ?? config.kubeVersion,
    select: list(flags.select) ?? config.select,
    ignore: list(flags.ignore) ?? config.ignore,
    errorOnWarning: flags['error-on-warning'] || config.errorOnWarning,
  });
  const format = flags.format ?? config.format ?? 'text';
  const toStdout = flags.output === undefined && !flags.quiet;
  const checkOptions = { color: format === 'text' && toStdout && colorFor(process.stdout) };
  // Read straight into the module, piece by piece (files are decoded as UTF-8 there, as Node
  // decodes them). Machine formats are checked as the documents arrive; the text format
  // quotes source lines, so it keeps the inputs whole. Options are checked (in Rust) here,
  // before any file is read, so a typo fails fast.
  const inputs = api.__inputs(options, format, checkOptions);
  const excludes = [{ patterns: config.exclude ?? [], base: found?.dir ?? process.cwd() }, { patterns: list(flags.exclude) ?? [], base: process.cwd() }];
  api.__matchGlobs(excludes.flatMap((e) => e.patterns), [], true); // checks the globs
  const files = readInputs(api, positionals, { readStdin, stdinName: flags['stdin-filename'], excludes, into: inputs });
  if (files.length === 0) throw new UsageError(`no .yaml, .yml or .json files found in ${positionals.join(', ')}`);
  // The report would replace the manifest it is about (the same file under any name: a
  // symlink, a hard link, another case on a case-insensitive file system); `key` is how
  // readInputs told the inputs apart.
  const target = flags.output === undefined ? undefined : realKey(flags.output);
  const clash = files.find((f) => f.key !== undefined && f.key === target);
  if (clash) throw new UsageError(`--output ${flags.output} is also an input (${clash.name}); the report would replace it`);
  const result = inputs.check();
  if (flags.output !== undefined) writeAtomic(flags.output, result.output);
  else if (!flags.quiet) process.stdout.write(result.output);
  return flags['exit-zero'] ? 0 : result.exitCode;
}

function generate(api, { flags, positionals }) {
  if (positionals.length !== 1) throw new UsageError("generate needs exactly one SPEC.json or '-' (see 'extsvc generate --help')");
  const [spec] = positionals;
  const name = spec === '-' ? '<stdin>' : spec;
  const format = flags.format ?? 'yaml';
  api.renderGenerate('{}', name, format, {}); // checks the format before reading
  const bytes = spec === '-' ? readStdin() : readFile(spec);
  if (bytes.length > MAX_INPUT) throw new UsageError(`${name}: larger than the limit of ${MAX_INPUT} bytes`);
  const text = bytes.toString('utf8');
  const result = api.renderGenerate(text, name, format, { color: colorFor(process.stderr) });
  process.stderr.write(result.messages);
  process.stdout.write(result.output);
  return result.exitCode;
}

const RULE_FORMATS = ['text', 'json', 'sarif'];

function rules(api, { positionals, flags }) {
  if (positionals.length > 0) throw new UsageError(`rules takes no arguments, got '${positionals[0]}'`);
  const format = flags.format ?? 'text';
  if (!RULE_FORMATS.includes(format)) throw new UsageError(`rules --format must be ${RULE_FORMATS.join(', ')}, got '${format}'`);
  process.stdout.write(api.renderRules(format));
  return 0;
}

const io = { readStdin, stdout: process.stdout, stderr: process.stderr };

const COMMANDS = {
  validate,
  fix: (api, args) => transform('fix', api, args, io),
  migrate: (api, args) => transform('migrate', api, args, io),
  generate,
  rules,
};

function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(HELP.main);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP.main);
    return 0;
  }
  if (command === '--version' || command === '-V') {
    const v = require('../node.cjs').version();
    const supported = v.supportedKubeVersions;
    process.stdout.write(
      `extsvc ${v.extsvc} (Kubernetes ${v.kubernetes} API, k8s-openapi ${v.k8sOpenapiFeature}; checks Kubernetes ${supported[0]} to ${supported[supported.length - 1]})\n`,
    );
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    throw new UsageError(`unknown command '${command}' (expected validate, fix, migrate, generate or rules; see 'extsvc --help')`);
  }
  const args = parse(command, rest);
  if (args.flags.help) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  return COMMANDS[command](require('../node.cjs'), args);
}

function run() {
  // A reader that goes away (`extsvc rules | head`) is not an error of ours. Any other
  // failure to write (a full disk) is an I/O error: one line, exit 2, no stack dump.
  for (const [stream, name] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']]) {
    stream.on('error', (e) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      try {
        fs.writeSync(2, `extsvc: cannot write to ${name}: ${e?.message ?? e}\n`);
      } catch {
        // Standard error is gone too: the exit code still tells.
      }
      process.exit(EXIT_USAGE);
    });
  }
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError || e?.code === 'EXTSVC_INVALID_ARGUMENT') {
      process.stderr.write(`${printable(`extsvc: ${e.message}`)}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      // A trap (EXTSVC_INTERNAL) or a bug in this file: a message, never a stack dump.
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`${printable(`extsvc: internal error: ${message}`)}\n`);
      process.exitCode = EXIT_INTERNAL;
    }
  }
}

run();
