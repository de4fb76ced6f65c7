// Types of the extsvc npm package. One API for every entry: Node (`import`/`require`,
// ready at import; `init()` resolves at once) and the browser build (call `await init()`
// once before anything else). These are the declarations for CommonJS consumers;
// index.d.mts re-exports them for ES module consumers.

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** Would the API server refuse it, is it stored but broken, or is it advice. */
export type Category = 'rejected' | 'broken' | 'advice';

/** A range in the source. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  /** Exclusive. */
  endColumn: number;
}

/** The object a finding is about. */
export interface ObjectRef {
  /** `Service`, `Endpoints`, `EndpointSlice`. */
  kind: string;
  namespace?: string;
  name?: string;
  /** 0-based index of the YAML document in its file. */
  index: number;
}

/** One finding. */
export interface Diagnostic {
  /** Stable code, e.g. `EP-NAME-MATCH`. */
  code: string;
  /** Kebab-case rule name, e.g. `ep-name-match`. */
  rule: string;
  severity: Severity;
  category: Category;
  /** One sentence naming the offending value. */
  message: string;
  object?: ObjectRef;
  /** Field path as the API server prints it, e.g. `spec.ports[1].name`. */
  path?: string;
  location?: Location;
  help?: string;
  /** The input's name (`InputFile.name`, or `<input>` for a bare string). */
  file?: string;
}

/** Counts over one run. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  /** Service, Endpoints and EndpointSlice objects examined. */
  objects: number;
  /** Findings dropped by `ignore-check.extsvc.io/<rule>` annotations (not counted above). */
  suppressed: number;
}

/** The result of `validate`. */
export interface Report {
  diagnostics: Diagnostic[];
  summary: Summary;
}

/** Options of `validate` and `check`. Unknown fields are rejected. */
export interface Options {
  /** Target Kubernetes version, `"1.33"` to `"1.37"` (default: the newest). */
  kubeVersion?: string;
  /** Report only these rules: codes, names or prefixes ending in `-` (`"EP-"`); empty: all. */
  select?: string[];
  /** Never report these rules (codes, names or prefixes); wins over `select`. */
  ignore?: string[];
  /** `check` exits 1 on warnings too. */
  errorOnWarning?: boolean;
}

/** One named input. */
export interface InputFile {
  name: string;
  text: string;
}

/** One port of a generator spec. */
export interface PortSpec {
  name?: string | null;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | null;
  appProtocol?: string;
}

/** The generator's input. Unknown fields are reported as diagnostics. */
export interface GenerateSpec {
  name: string;
  namespace?: string | null;
  /** IP addresses of the backend (selectorless Service + EndpointSlice/Endpoints). */
  addresses?: string[] | null;
  /** A DNS name instead of addresses (ExternalName Service). */
  externalName?: string;
  ports?: PortSpec[] | null;
  headless?: boolean | null;
  endpointsApi?: 'EndpointSlice' | 'Endpoints' | 'Both' | null;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  clusterDomain?: string;
}

/** DNS names clients in the cluster use. */
export interface DnsNames {
  /** `NAME.NAMESPACE.svc.cluster.local`. */
  service: string;
  short: string[];
  /** SRV names of named ports. */
  srv: string[];
}

/** The result of `generate`. */
export interface GenerateResult {
  /** The manifests as one multi-document YAML stream; null when the spec is invalid. */
  yaml: string | null;
  /** The same objects as JSON values (empty when the spec is invalid). */
  objects: Record<string, unknown>[];
  dns: DnsNames | null;
  /** Problems with the spec; `path` is the spec field (`ports[1].port`). */
  diagnostics: Diagnostic[];
}

/** One rule, with its documentation. */
export interface Rule {
  code: string;
  name: string;
  severity: Severity;
  category: Category;
  summary: string;
  what: string;
  why: string;
  example: string;
  fix: string;
  /** Where the behaviour comes from in the Kubernetes source. */
  source: string;
}

/** What `version()` returns. */
export interface Version {
  extsvc: string;
  /** The newest Kubernetes API this build knows, e.g. `"1.37"`. */
  kubernetes: string;
  /** The k8s-openapi feature it was built with, e.g. `"v1_37"`. */
  k8sOpenapiFeature: string;
  /** Values `Options.kubeVersion` accepts, oldest first. */
  supportedKubeVersions: string[];
}

/** Output formats of a validation report. */
export type Format = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';

/** Output formats of generated manifests. */
export type GenerateFormat = 'yaml' | 'json';

/** How `check` and `renderGenerate` render and judge. Unknown fields are rejected. */
export interface CheckOptions {
  /** ANSI colour in the text format. */
  color?: boolean;
  /** Exit code 1 on warnings too. */
  errorOnWarning?: boolean;
}

/** The result of `check`. */
export interface CheckResult {
  /** The rendered report. */
  output: string;
  summary: Summary;
  /** 0 no error findings, 1 error findings. */
  exitCode: number;
}

/** The result of `renderGenerate`. */
export interface GenerateOutput {
  /** The manifests; empty when the spec has errors. */
  output: string;
  /** The spec's diagnostics in the text format; empty when there are none. */
  messages: string;
  /** 0 manifests generated, 1 the spec has errors. */
  exitCode: number;
}

/** `Error.code` of errors extsvc throws. Bad input is never thrown: it is diagnostics. */
export type ErrorCode =
  /** An argument of the wrong type, an unknown option or format, an unsupported kubeVersion. */
  | 'EXTSVC_INVALID_ARGUMENT'
  /** A call before `await init()` (browser build). */
  | 'EXTSVC_NOT_INITIALIZED'
  /** The .wasm could not be fetched (browser build). */
  | 'EXTSVC_LOAD'
  /** A failure inside extsvc (a WebAssembly trap); the module is re-instantiated. */
  | 'EXTSVC_INTERNAL';

/** An Error thrown by extsvc. */
export interface ExtsvcError extends Error {
  code: ErrorCode;
}

/**
 * Where the browser build loads the core from (default: the .wasm next to the bindings):
 * a URL or its string, a fetch `Response`, the bytes, or a compiled `WebAssembly.Module`.
 * Typed loosely so the declarations need neither the DOM nor the Node type library.
 */
export type InitSource = string | ArrayBuffer | ArrayBufferView | object;

/** Loads the core (browser build; memoised). On Node it resolves at once. */
export function init(source?: InitSource): Promise<void>;
export default init;

/** Validates YAML/JSON text, or several named inputs together (cross-object rules see all). */
export function validate(input: string | InputFile[], options?: Options | null): Report;

/** Generates manifests from a spec (an object, or its JSON text). */
export function generate(spec: GenerateSpec | string): GenerateResult;

/** Every rule extsvc checks. */
export function rules(): Rule[];

/** Versions of extsvc and of the Kubernetes API it models. */
export function version(): Version;

/** The options `validate` uses when given none. */
export function defaultOptions(): Required<Options>;

/** Validates and renders in one call (what the CLI uses; no diagnostics cross as objects). */
export function check(
  files: string | InputFile[],
  options: Options | null | undefined,
  format: Format,
  checkOptions?: CheckOptions | null,
): CheckResult;

/** Generates from the JSON text of a spec named `name` and renders the manifests. */
export function renderGenerate(
  spec: string,
  name: string,
  format: GenerateFormat,
  checkOptions?: CheckOptions | null,
): GenerateOutput;

/** The rule list rendered as text, JSON or SARIF (a log with the rules and no results). */
export function renderRules(format: Format): string;

/** The content of a config file (`extsvc.json`, or `"extsvc"` in package.json). */
export interface Config {
  $schema?: string;
  kubeVersion?: string;
  select?: string[];
  ignore?: string[];
  errorOnWarning?: boolean;
  format?: Format;
  /** Globs of files and directories not to read, relative to the config file's directory. */
  exclude?: string[];
}

/**
 * Parses and checks a config file's text (`packageJson`: the text of a package.json, whose
 * `"extsvc"` field is the config; `null` when it has none). Unknown keys and bad values
 * throw `EXTSVC_INVALID_ARGUMENT` naming them.
 */
export function parseConfig(text: string, packageJson?: boolean): Config | null;

/** Options of `fix`. Unknown fields are rejected. */
export interface FixOptions {
  /** Also apply fixes that may change what the manifests mean (removing a Service's selector, aligning an endpoint port's protocol). */
  unsafeFixes?: boolean;
  /** Target Kubernetes version, `"1.33"` to `"1.37"`, for the remaining diagnostics (default: the newest). */
  kubeVersion?: string;
}

/** One fix, applied or available. */
export interface AppliedFix {
  /** The code of the rule the fix answers, e.g. `EP-NAME-MATCH`. */
  code: string;
  /** Field path of what changed, e.g. `metadata.name`. */
  path: string;
  /** One sentence: what was changed, from what to what. */
  description: string;
  /** What the fix changed, in the ORIGINAL text. */
  location: Location;
  /** The object changed. */
  object?: ObjectRef;
}

/** The result of `fix`. */
export interface FixResult {
  /** The fixed text (the input itself when nothing applied or the input was refused). */
  output: string;
  /** The fixes applied, in the order applied. */
  applied: AppliedFix[];
  /** Unsafe fixes not applied: available with `unsafeFixes: true` (empty when it was set). */
  unsafeAvailable: AppliedFix[];
  /** The diagnostics of the output (`file` unset). */
  remaining: Diagnostic[];
  /** Why nothing was changed, when the input has YAML errors. */
  refused?: string;
}

/** Options of `migrate`. Unknown fields are rejected. */
export interface MigrateOptions {
  /** Keep each migrated Endpoints (the new slices follow it) instead of replacing it. */
  keepEndpoints?: boolean;
  /** Target Kubernetes version, `"1.33"` to `"1.37"`, for the remaining diagnostics (default: the newest). */
  kubeVersion?: string;
}

/** One object migrated. */
export interface Migrated {
  /** `EP-DEPRECATED` (Endpoints → EndpointSlices) or `ES-FQDN-NOT-PROXIED` (FQDN slice → ExternalName Service). */
  code: string;
  /** The object migrated. */
  object: ObjectRef;
  /** Its document, in the ORIGINAL text. */
  location: Location;
  /** One sentence. */
  description: string;
  /** The objects written instead, as `Kind/name`. */
  created: string[];
}

/** An object `migrate` left as it is, and why. */
export interface NotMigrated {
  object: ObjectRef;
  /** Its document, in the ORIGINAL text. */
  location: Location;
  reason: string;
}

/** The result of `migrate`. */
export interface MigrateResult {
  /** The migrated text (the input itself when nothing applied or the input was refused). */
  output: string;
  migrated: Migrated[];
  /** Endpoints left as they are, with the reason. */
  skipped: NotMigrated[];
  /** The diagnostics of the output (`file` unset). */
  remaining: Diagnostic[];
  /** Why nothing was changed, when the input has YAML errors. */
  refused?: string;
}

/**
 * Repairs what the rules find with minimal text edits to `source`: comments, key order and
 * untouched documents stay byte-for-byte the same. Idempotent. Input with YAML errors is
 * refused (`refused` set, `output === source`).
 */
export function fix(source: string, options?: FixOptions | null): FixResult;

/** Moves Endpoints to EndpointSlices (and FQDN slices to ExternalName Services), editing `source` in place. */
export function migrate(source: string, options?: MigrateOptions | null): MigrateResult;

/** The unified diff (`diff -u`, headers `a/NAME` and `b/NAME`) from `oldText` to `newText`; `''` when equal. */
export function unifiedDiff(name: string, oldText: string, newText: string): string;
