#!/usr/bin/env node
'use strict';
// The extsvc CLI: argument parsing and I/O only. Validation, rendering and exit codes are
// decided in Rust (check, renderGenerate, renderRules); this file reads files, writes the
// bytes it is given and maps thrown errors to exit codes.
//
// Exit codes: 0 no error findings, 1 error findings (or warnings with --error-on-warning),
// 2 usage or I/O error, 3 internal failure.

const fs = require('node:fs');
const path = require('node:path');

const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3;

const HELP = {
  main: `extsvc — generate and validate Kubernetes manifests that expose external backends

Usage:
  extsvc validate [--format text|json] [--kube-version 1.NN] [--error-on-warning] PATH...|-
  extsvc generate [--format yaml|json] SPEC.json|-
  extsvc rules [--format text|json]
  extsvc --version
  extsvc [COMMAND] --help

Exit codes: 0 no error findings, 1 error findings (or warnings with --error-on-warning),
2 usage or I/O error, 3 internal failure.
`,
  validate: `Usage: extsvc validate [OPTIONS] PATH...|-

Validates Service, Endpoints and EndpointSlice manifests. A directory is searched for
.yaml, .yml and .json files (hidden directories and node_modules are skipped); - reads
standard input.

Options:
  --format text|json     Output format (default: text)
  --kube-version 1.NN    Target Kubernetes version (default: the newest supported)
  --error-on-warning     Exit 1 on warnings too
  -h, --help             Show this help
`,
  generate: `Usage: extsvc generate [OPTIONS] SPEC.json|-

Generates the manifests for an external backend from a JSON spec; - reads standard input.

Options:
  --format yaml|json     Output format (default: yaml; json is a kubectl-applicable List)
  -h, --help             Show this help
`,
  rules: `Usage: extsvc rules [OPTIONS]

Lists every rule extsvc checks.

Options:
  --format text|json     Output format (default: text)
  -h, --help             Show this help
`,
};

/** Options each command takes: name -> whether it takes a value. */
const OPTIONS = {
  validate: { format: true, 'kube-version': true, 'error-on-warning': false, help: false },
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
    if (!known[name]) {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      flags[name] = true;
    } else if (eq >= 0) {
      flags[name] = arg.slice(eq + 1);
    } else if (i + 1 < args.length) {
      flags[name] = args[++i];
    } else {
      throw new UsageError(`option '--${name}' needs a value`);
    }
  }
  return { flags, positionals };
}

function colorFor(stream) {
  const noColor = process.env.NO_COLOR;
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === '');
}

let stdinUsed = false;

function readStdin() {
  if (stdinUsed) throw new UsageError("'-' (standard input) given more than once");
  stdinUsed = true;
  return fs.readFileSync(0, 'utf8');
}

function ioError(file, e) {
  const reason = { ENOENT: 'no such file or directory', EACCES: 'permission denied', EISDIR: 'is a directory' }[e?.code];
  return new UsageError(`cannot read '${file}': ${reason ?? e?.message ?? e}`);
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Reads PATH... into [{name, text}]: files as given, directories recursively, '-' as stdin. */
function readInputs(paths) {
  const files = [];
  const seen = new Set();
  const walk = (dir) => {
    let real;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      throw ioError(dir, e);
    }
    if (seen.has(real)) return; // a symlink loop
    seen.add(real);
    let entries;
    try {
      entries = fs.readdirSync(dir).sort();
    } catch (e) {
      throw ioError(dir, e);
    }
    for (const entry of entries) {
      const full = path.join(dir, entry);
      let stat;
      try {
        stat = fs.statSync(full);
      } catch {
        continue; // a dangling symlink inside a directory is not the user's input
      }
      if (stat.isDirectory()) {
        if (!entry.startsWith('.') && entry !== 'node_modules') walk(full);
      } else if (stat.isFile() && EXTENSIONS.has(path.extname(entry).toLowerCase())) {
        files.push({ name: full, text: read(full) });
      }
    }
  };
  const read = (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw ioError(file, e);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push({ name: '<stdin>', text: readStdin() });
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw ioError(p, e);
    }
    if (stat.isDirectory()) walk(p);
    else files.push({ name: p, text: read(p) });
  }
  return files;
}

function validate(api, { flags, positionals }) {
  if (positionals.length === 0) throw new UsageError("validate needs a PATH or '-' (see 'extsvc validate --help')");
  const options = flags['kube-version'] === undefined ? {} : { kubeVersion: flags['kube-version'] };
  const format = flags.format ?? 'text';
  const checkOptions = { color: format === 'text' && colorFor(process.stdout), errorOnWarning: Boolean(flags['error-on-warning']) };
  // Options are checked (in Rust) before any file is read, so a typo fails fast.
  api.check([], options, format, checkOptions);
  const files = readInputs(positionals);
  if (files.length === 0) throw new UsageError(`no .yaml, .yml or .json files found in ${positionals.join(', ')}`);
  const result = api.check(files, options, format, checkOptions);
  process.stdout.write(result.output);
  return result.exitCode;
}

function generate(api, { flags, positionals }) {
  if (positionals.length !== 1) throw new UsageError("generate needs exactly one SPEC.json or '-' (see 'extsvc generate --help')");
  const [spec] = positionals;
  const name = spec === '-' ? '<stdin>' : spec;
  const format = flags.format ?? 'yaml';
  api.renderGenerate('{}', name, format, {}); // checks the format before reading
  let text;
  if (spec === '-') {
    text = readStdin();
  } else {
    try {
      text = fs.readFileSync(spec, 'utf8');
    } catch (e) {
      throw ioError(spec, e);
    }
  }
  const result = api.renderGenerate(text, name, format, { color: colorFor(process.stderr) });
  process.stderr.write(result.messages);
  process.stdout.write(result.output);
  return result.exitCode;
}

function rules(api, { positionals, flags }) {
  if (positionals.length > 0) throw new UsageError(`rules takes no arguments, got '${positionals[0]}'`);
  process.stdout.write(api.renderRules(flags.format ?? 'text'));
  return 0;
}

const COMMANDS = { validate, generate, rules };

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
    throw new UsageError(`unknown command '${command}' (expected validate, generate or rules; see 'extsvc --help')`);
  }
  const args = parse(command, rest);
  if (args.flags.help) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  return COMMANDS[command](require('../node.cjs'), args);
}

function run() {
  // A reader that goes away (`extsvc rules | head`) is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError || e?.code === 'EXTSVC_INVALID_ARGUMENT') {
      process.stderr.write(`extsvc: ${e.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      // A trap (EXTSVC_INTERNAL) or a bug in this file: a message, never a stack dump.
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`extsvc: internal error: ${message}\n`);
      process.exitCode = EXIT_INTERNAL;
    }
  }
}

run();
