//! The wasm-bindgen binding: the only file that knows `wasm_bindgen`. It converts JS values
//! to Rust types and back (as JSON text: maps become plain objects)
//! and delegates; nothing here decides anything.
//!
//! Misuse — an argument of the wrong JS type, an unknown option, an unknown format, an
//! unsupported `kubeVersion` — throws an `Error` whose `code` is `EXTSVC_INVALID_ARGUMENT`.
//! Bad *input* (broken YAML, a bad spec) is never thrown: it is diagnostics.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::json_read::{FromJson, Read};
use crate::options::{ValidateOptions, DEFAULT_KUBE_VERSION, SUPPORTED_MINORS};
use crate::pipeline::{validate_sources, Source};
use crate::render::{self, CheckOptions, Format, GenerateFormat};
use crate::transform::{FixOptions, MigrateOptions};
use crate::yaml::Limits;

mod js;

/// `Error.code` of misuse: arguments of the wrong type or value.
pub const INVALID_ARGUMENT: &str = "EXTSVC_INVALID_ARGUMENT";
/// `Error.code` of a failure inside extsvc (a value that could not be converted).
pub const INTERNAL: &str = "EXTSVC_INTERNAL";

/// Name of the input when `validate` is given a bare string.
const DEFAULT_NAME: &str = "<input>";

/// The longest input name taken, in bytes: Linux's PATH_MAX. Every finding carries its
/// input's name, so a name of millions of characters, copied into each of up to 100,000
/// findings, would fill the module's memory.
const MAX_NAME_BYTES: usize = 4096;

/// The longest string V8 makes (`String::kMaxLength` on 64-bit platforms, in UTF-16 code
/// units). UTF-8 text of at most this many bytes has at most this many code units, so a
/// result within it always becomes a JS string; a longer one is refused with a message
/// rather than left to fail inside the glue, which would look like a trap.
const MAX_JS_STRING: usize = (1 << 29) - 24;

/// The most lines `unifiedDiff` takes in `old` and `new` together (see there).
const MAX_DIFF_LINES: usize = 1 << 25;

/// One named input of `validate` and `check`.
struct File {
    name: String,
    text: String,
}

impl FromJson for File {
    fn from_json(value: &serde_json::Value) -> Read<Self> {
        let (mut name, mut text) = (None, None);
        crate::json_read::fields(value, "struct File", &["name", "text"], &mut |key, v| {
            match key {
                "name" => name = Some(String::from_json(v)?),
                _ => text = Some(String::from_json(v)?),
            }
            Ok(())
        })?;
        let missing =
            |field| crate::json_read::PathError::new(crate::wording::missing_field(field));
        Ok(File {
            name: name.ok_or_else(|| missing("name"))?,
            text: text.ok_or_else(|| missing("text"))?,
        })
    }
}

/// What `version()` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Version {
    extsvc: &'static str,
    kubernetes: &'static str,
    k8s_openapi_feature: &'static str,
    supported_kube_versions: Vec<String>,
}

/// Validates `input` — a YAML/JSON string, or an array of `{name, text}` validated together —
/// and returns a `Report` `{diagnostics, summary}`. `options` may be omitted.
#[wasm_bindgen]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let files = files(input, "input")?;
    let options = options_or_default::<ValidateOptions>(options, "options")?;
    let sources = sources(&files);
    let report = validate_sources(&sources, &options).map_err(invalid)?;
    to_js(&report)
}

/// Validates `files` (an array of `{name, text}`) and renders the report in `format` (a
/// [`Format`] name: `"text"`, `"json"`, ...) in one call: `{output, summary, exitCode}`.
/// `checkOptions` (`{color, errorOnWarning}`) may be omitted.
#[wasm_bindgen]
pub fn check(
    files: JsValue,
    options: JsValue,
    format: JsValue,
    #[wasm_bindgen(js_name = checkOptions)] check_options: JsValue,
) -> Result<JsValue, JsValue> {
    let files = self::files(files, "files")?;
    let options = options_or_default::<ValidateOptions>(options, "options")?;
    let format = from_js::<Format>(format, "format")?;
    let check_options = options_or_default::<CheckOptions>(check_options, "checkOptions")?;
    let sources = sources(&files);
    let out = render::check(&sources, &options, format, &check_options).map_err(invalid)?;
    to_js(&out)
}

/// Inputs whose bytes the caller writes straight into the module's memory (the CLI reads
/// files into [`Inputs::buffer`] piece by piece), so a large input is never a JS string
/// plus its copy here. For machine formats the run is streamed: documents are checked as
/// their bytes arrive and only the document being read is kept. The `text` format quotes
/// source lines, so for it the inputs are kept whole. Not part of the documented API.
#[doc(hidden)]
#[wasm_bindgen(js_name = Inputs)]
pub struct Inputs {
    options: ValidateOptions,
    format: Format,
    check_options: CheckOptions,
    /// The streamed run (machine formats).
    run: Option<crate::pipeline::Validation>,
    /// Whole inputs (the `text` format).
    kept: Vec<(String, Vec<u8>)>,
    /// Where the caller writes the next bytes. It only grows, so it may be longer than
    /// what was asked for last.
    buffer: Vec<u8>,
    /// The length the caller asked for last: what one `push` may take at most.
    requested: usize,
}

#[wasm_bindgen(js_class = Inputs)]
impl Inputs {
    /// A run with `options`, reported in `format`. Bad options, format or check options
    /// throw here, before any input is read.
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: JsValue,
        format: JsValue,
        #[wasm_bindgen(js_name = checkOptions)] check_options: JsValue,
    ) -> Result<Inputs, JsValue> {
        let options = options_or_default::<ValidateOptions>(options, "options")?;
        let format = from_js::<Format>(format, "format")?;
        let check_options = options_or_default::<CheckOptions>(check_options, "checkOptions")?;
        // Made for the text format too, only to refuse bad options before any input is read.
        let validation = crate::pipeline::Validation::new(&options).map_err(invalid)?;
        let run = (format != Format::Text).then_some(validation);
        Ok(Inputs {
            options,
            format,
            check_options,
            run,
            kept: Vec::new(),
            buffer: Vec::new(),
            requested: 0,
        })
    }

    /// Starts the input named `name` (and ends the one before).
    pub fn begin(&mut self, name: String) -> Result<(), JsValue> {
        check_name(&name, "name")?;
        match self.run.as_mut() {
            Some(run) => run.begin(&name),
            None => self.kept.push((name, Vec::new())),
        }
        Ok(())
    }

    /// Where in `__memory()` the caller may write up to `len` bytes; valid until its next
    /// call into the module (a call may grow the memory and detach the caller's view).
    pub fn buffer(&mut self, len: usize) -> usize {
        if self.buffer.len() < len {
            // Allocated zeroed, not grown: a large block comes from fresh memory, which is
            // zero already, where `resize` wrote every byte (a pass over each piece).
            self.buffer = vec![0; len];
        }
        self.requested = len;
        self.buffer.as_ptr() as usize
    }

    /// The first `len` bytes of the buffer are the next bytes of the current input. Returns
    /// whether the input takes more: past the size limit it does not (YAML-LIMIT), and the
    /// caller stops reading it.
    pub fn push(&mut self, len: usize) -> bool {
        let bytes = &self.buffer[..len.min(self.requested)];
        match (self.run.as_mut(), self.kept.last_mut()) {
            (Some(run), _) => {
                run.push(bytes);
                run.wants_more()
            }
            (None, Some((_, kept))) => {
                // One byte over the limit is enough for the run to report it.
                let room = (Limits::default().max_input_bytes + 1).saturating_sub(kept.len());
                kept.extend_from_slice(&bytes[..bytes.len().min(room)]);
                kept.len() <= Limits::default().max_input_bytes
            }
            (None, None) => true,
        }
    }

    /// [`check`] on these inputs, decoded as UTF-8 the way Node decodes a file (an invalid
    /// sequence becomes U+FFFD): `{output, summary, exitCode}`, with `output` as UTF-8 bytes
    /// (a `Uint8Array`), which is what the CLI writes.
    pub fn check(self) -> Result<JsValue, JsValue> {
        let Inputs {
            options,
            format,
            check_options,
            run,
            kept,
            buffer,
            requested: _,
        } = self;
        drop(buffer);
        let out = match run {
            Some(run) => {
                let report = run.finish();
                render::check_report(&report, &[], &options, format, &check_options)
            }
            None => {
                let files: Vec<File> = kept
                    .into_iter()
                    .map(|(name, bytes)| File {
                        name,
                        // Valid UTF-8 is taken as it is, without a copy.
                        text: String::from_utf8(bytes)
                            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                    })
                    .collect();
                render::check(&sources(&files), &options, format, &check_options)
            }
        }
        .map_err(invalid)?;
        // The report crosses as bytes, not inside JSON text (escaped and parsed again) and not
        // as a string: writing a string makes Node encode a second copy, 8 MB more at the
        // peak of a 100,000-document run.
        let result = js::Object::new();
        let set = |key: &str, value: &JsValue| {
            js::set(&result, &JsValue::from_str(key), value)
                .map(|_| ())
                .map_err(|_| error(INTERNAL, "cannot build the check result"))
        };
        set("output", &JsValue::from(out.output.into_bytes()))?;
        set("summary", &to_js(&out.summary)?)?;
        set("exitCode", &JsValue::from(out.exit_code))?;
        Ok(result.into())
    }
}

/// The module's memory, for [`Inputs::buffer`]. Not part of the documented API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __memory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Generates manifests from a spec (a JS object, or its JSON text):
/// `{yaml, objects, dns, diagnostics}`. Text that is not JSON is a `SPEC-JSON` diagnostic.
#[wasm_bindgen]
pub fn generate(spec: JsValue) -> Result<JsValue, JsValue> {
    let result = match spec.as_string() {
        Some(text) => crate::generate::generate_text(&text),
        None if spec.is_object() => crate::generate(&json_of(spec, "spec")?),
        None => {
            return Err(error(
                INVALID_ARGUMENT,
                "spec: expected an object or its JSON text",
            ))
        }
    };
    to_js(&result)
}

/// Generates manifests from the JSON text of a spec named `name` and renders them in `format`
/// (`"yaml"` or `"json"`): `{output, messages, exitCode}`. `checkOptions` may be omitted.
#[wasm_bindgen(js_name = renderGenerate)]
pub fn render_generate(
    spec: &str,
    name: &str,
    format: JsValue,
    #[wasm_bindgen(js_name = checkOptions)] check_options: JsValue,
) -> Result<JsValue, JsValue> {
    check_name(name, "name")?;
    let format = from_js::<GenerateFormat>(format, "format")?;
    let check_options = options_or_default::<CheckOptions>(check_options, "checkOptions")?;
    let result = crate::generate::generate_text(spec);
    let source = Source { name, text: spec };
    let out = render::generated(&result, source, format, check_options.color).map_err(internal)?;
    to_js(&out)
}

/// Fixes what the rules find in `source` (a YAML/JSON string) with minimal text edits:
/// `{output, applied, unsafeAvailable, remaining, refused?}`. `options` (`{unsafeFixes,
/// kubeVersion}`) may be omitted. Input with YAML errors is refused (`output` is `source`).
#[wasm_bindgen]
pub fn fix(source: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    // Options first: the input, a temporary here, is then dropped before `to_js`.
    let options = options_or_default::<FixOptions>(options, "options")?;
    let mut result =
        crate::transform::fix(&string(&source, "source")?, &options).map_err(invalid)?;
    let output = std::mem::take(&mut result.output);
    let refused = result.refused.is_some();
    with_output(to_js(&result)?, refused.then_some(&source), output)
}

/// Moves the Endpoints in `source` to EndpointSlices (and FQDN slices to ExternalName
/// Services): `{output, migrated, skipped, remaining, refused?}`. `options`
/// (`{keepEndpoints, kubeVersion}`) may be omitted.
#[wasm_bindgen]
pub fn migrate(source: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_or_default::<MigrateOptions>(options, "options")?;
    let mut result =
        crate::transform::migrate(&string(&source, "source")?, &options).map_err(invalid)?;
    let output = std::mem::take(&mut result.output);
    let refused = result.refused.is_some();
    with_output(to_js(&result)?, refused.then_some(&source), output)
}

/// Sets `output` on a fix or migrate result: the caller's own string (`source`) when the input
/// was refused, else `output` as a string of its own. Never inside the result's JSON: the
/// input, a copy and the copy's JSON of a string near the input limit took more than wasm32's
/// 4 GB (`fix` of 400 M non-ASCII characters trapped), and escaping 256 MiB of line breaks
/// made a JSON text longer than a Rust string may be (2 GiB on wasm32).
fn with_output(
    result: JsValue,
    source: Option<&JsValue>,
    output: String,
) -> Result<JsValue, JsValue> {
    let output = match source {
        Some(source) => source.clone(),
        None => JsValue::from_str(&js_string(output, "the output")?),
    };
    js::set(&result, &JsValue::from_str("output"), &output)?;
    Ok(result)
}

/// The unified diff (`diff -u`, headers `a/<name>` and `b/<name>`) from `old` to `new`;
/// empty when they are equal.
#[wasm_bindgen(js_name = unifiedDiff)]
pub fn unified_diff(name: JsValue, old: JsValue, new: JsValue) -> Result<String, JsValue> {
    let name = string(&name, "name")?;
    let old = string(&old, "old")?;
    let new = string(&new, "new")?;
    // At 8 bytes a line the tables take 256 MiB at most, which leaves wasm32's 4 GB room
    // for the texts and the diff; and the limit is more lines than two 256 MiB inputs (the
    // input limit) of 20-byte lines have together.
    let diff = crate::transform::unified_diff_within(&name, &old, &new, MAX_DIFF_LINES)
        .ok_or_else(|| {
            invalid_at(
                "old and new",
                &format!("more than {MAX_DIFF_LINES} lines together"),
            )
        })?;
    js_string(diff, "the diff")
}

/// Parses and checks the text of a config file: an `extsvc.json`, or with `packageJson` the
/// `"extsvc"` field of a `package.json` (`null` when it has none). A bad config (an unknown
/// key, a bad value) throws `EXTSVC_INVALID_ARGUMENT` naming what is wrong.
#[wasm_bindgen(js_name = parseConfig)]
pub fn parse_config(
    text: &str,
    #[wasm_bindgen(js_name = packageJson)] package_json: bool,
) -> Result<JsValue, JsValue> {
    let config = if package_json {
        crate::config::parse_package_json(text)
    } else {
        crate::config::parse(text).map(Some)
    };
    match config.map_err(invalid)? {
        Some(config) => to_js(&config),
        None => Ok(JsValue::NULL),
    }
}

/// For each of `paths` (an array of strings), whether one of `patterns` matches it: the
/// whole path, or with `exclude` the gitignore-like way (see `src/glob.rs`). Used by the CLI;
/// a malformed pattern throws `EXTSVC_INVALID_ARGUMENT`.
#[doc(hidden)]
#[wasm_bindgen(js_name = matchGlobs)]
pub fn match_globs(patterns: JsValue, paths: JsValue, exclude: bool) -> Result<JsValue, JsValue> {
    let patterns = from_js::<Vec<String>>(patterns, "patterns")?;
    let paths = from_js::<Vec<String>>(paths, "paths")?;
    let patterns = patterns
        .iter()
        .map(|p| crate::glob::Pattern::new(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(invalid)?;
    let matched: Vec<bool> = paths
        .iter()
        .map(|path| {
            patterns.iter().any(|p| {
                if exclude {
                    p.excludes(path)
                } else {
                    p.matches(path)
                }
            })
        })
        .collect();
    to_js(&matched)
}

/// Every rule with its documentation.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(crate::rules())
}

/// The rule list rendered in `format` (`"text"` or `"json"`).
#[wasm_bindgen(js_name = renderRules)]
pub fn render_rules(format: JsValue) -> Result<String, JsValue> {
    let format = from_js::<Format>(format, "format")?;
    render::render_rules(crate::rules(), format).map_err(internal)
}

/// `{extsvc, kubernetes, k8sOpenapiFeature, supportedKubeVersions}`.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsValue> {
    to_js(&Version {
        extsvc: env!("CARGO_PKG_VERSION"),
        kubernetes: DEFAULT_KUBE_VERSION,
        k8s_openapi_feature: crate::K8S_OPENAPI_FEATURE,
        supported_kube_versions: SUPPORTED_MINORS.map(|m| format!("1.{m}")).collect(),
    })
}

/// The options `validate` uses when given none.
#[wasm_bindgen(js_name = defaultOptions)]
pub fn default_options() -> Result<JsValue, JsValue> {
    to_js(&ValidateOptions::default())
}

/// Runs once when the module is instantiated: seeds the run's hash maps, and keeps the
/// message of a panic so the JS wrapper can put it in the `EXTSVC_INTERNAL` error after the
/// trap that follows.
#[wasm_bindgen(start)]
pub fn start() {
    // The run's hash maps need a secret seed, and wasm32-unknown-unknown has no random
    // source of its own (see src/hash.rs): 2 × 52 bits from the JS engine.
    let bits = || (js::random() * 4_503_599_627_370_496.0) as u64;
    crate::hash::add_entropy(bits() ^ bits().rotate_left(32));
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("panic");
        let text = match info.location() {
            Some(at) => format!("{message} at {}:{}", at.file(), at.line()),
            None => message.to_string(),
        };
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(text);
        }
    }));
}

/// The message of the last panic, taken (read once). The JS wrapper calls it on the instance
/// that trapped, just before dropping it.
#[doc(hidden)]
#[wasm_bindgen(js_name = __takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Traps on purpose (a Rust panic, which aborts). Exists so the JS wrapper's recovery from
/// a trap can be tested against the real module; not part of the documented API.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    panic!("extsvc: deliberate trap (test hook)");
}

fn files(value: JsValue, what: &str) -> Result<Vec<File>, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(vec![File {
            name: DEFAULT_NAME.to_string(),
            text,
        }]);
    }
    if !js::is_array(&value) {
        return Err(error(
            INVALID_ARGUMENT,
            &format!("{what}: expected a string or an array of {{name, text}}"),
        ));
    }
    let files: Vec<File> = from_js(value, what)?;
    match files.iter().position(|f| f.name.len() > MAX_NAME_BYTES) {
        Some(i) => Err(name_too_long(&format!("{what}[{i}].name"))),
        None => Ok(files),
    }
}

fn check_name(name: &str, what: &str) -> Result<(), JsValue> {
    match name.len() > MAX_NAME_BYTES {
        true => Err(name_too_long(what)),
        false => Ok(()),
    }
}

fn name_too_long(what: &str) -> JsValue {
    invalid_at(
        what,
        &format!("longer than the limit of {MAX_NAME_BYTES} bytes"),
    )
}

/// `text` if it fits in a JS string (see [`MAX_JS_STRING`]).
fn js_string(text: String, what: &str) -> Result<String, JsValue> {
    if text.len() > MAX_JS_STRING {
        return Err(invalid_at(what, "longer than a JavaScript string can be"));
    }
    Ok(text)
}

fn string(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| error(INVALID_ARGUMENT, &format!("{what}: expected a string")))
}

fn sources(files: &[File]) -> Vec<Source<'_>> {
    files
        .iter()
        .map(|f| Source {
            name: &f.name,
            text: &f.text,
        })
        .collect()
}

/// `undefined` and `null` mean the defaults.
fn options_or_default<T: FromJson + Default>(value: JsValue, what: &str) -> Result<T, JsValue> {
    match options_json(value, what)? {
        None => Ok(T::default()),
        Some(json) => read_json(&json, what),
    }
}

/// The JSON of an options object, `None` for `undefined` and `null` (the part of
/// [`options_or_default`] that is the same for every options type, compiled once).
fn options_json(value: JsValue, what: &str) -> Result<Option<serde_json::Value>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || js::is_array(&value) {
        return Err(error(
            INVALID_ARGUMENT,
            &format!("{what}: expected an object"),
        ));
    }
    json_of(value, what).map(Some)
}

// Values cross as JSON text (`JSON.stringify` / `JSON.parse` on the JS side, serde_json on
// ours): one JSON implementation in the module instead of a second one from
// serde-wasm-bindgen, ~4.5 KB of the gzipped wasm. Maps become plain objects.

fn from_js<T: FromJson>(value: JsValue, what: &str) -> Result<T, JsValue> {
    read_json(&json_of(value, what)?, what)
}

fn read_json<T: FromJson>(json: &serde_json::Value, what: &str) -> Result<T, JsValue> {
    crate::json_read::from_value(json).map_err(|e| invalid_at(what, &e.message))
}

fn invalid_at(what: &str, message: &str) -> JsValue {
    error(INVALID_ARGUMENT, &format!("{what}: {message}"))
}

/// `value` as a JSON value (`null` for `undefined`).
fn json_of(value: JsValue, what: &str) -> Result<serde_json::Value, JsValue> {
    // `undefined` (and what JSON cannot hold: functions, symbols) stringifies to nothing.
    let text = js::stringify(&value)
        .map_err(|_| {
            error(
                INVALID_ARGUMENT,
                &format!("{what}: not representable as JSON"),
            )
        })?
        .as_string();
    match text {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| error(INVALID_ARGUMENT, &format!("{what}: {e}"))),
        None => Ok(serde_json::Value::Null),
    }
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    // Pretty, as the rendered reports are written: serde_json's serializer is generic over
    // its layout, so a compact writer here would compile every `Serialize` impl a second
    // time (0.8 KB of the gzipped wasm, issue 7). `JSON.parse` skips the whitespace.
    let text = serde_json::to_string_pretty(value).map_err(|e| error(INTERNAL, &e.to_string()))?;
    parse_json(text)
}

/// The part of [`to_js`] that is the same for every type, compiled once.
fn parse_json(text: String) -> Result<JsValue, JsValue> {
    let text = js_string(text, "the result")?;
    js::parse(&text).map_err(|_| error(INTERNAL, "JSON.parse failed on our own output"))
}

fn invalid(message: String) -> JsValue {
    error(INVALID_ARGUMENT, &message)
}

fn internal(message: String) -> JsValue {
    error(INTERNAL, &message)
}

/// A JS `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let err = js::Error::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
    let _ = js::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err.into()
}
