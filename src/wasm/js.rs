//! The few JavaScript built-ins the binding calls, declared here rather than through the
//! js-sys crate: linking js-sys kept a wasm-bindgen closure shim for every closure type
//! its bindings take (issue 7).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify(value)`: `undefined` for what JSON cannot hold.
    #[wasm_bindgen(js_namespace = JSON, catch)]
    pub(super) fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, catch)]
    pub(super) fn parse(text: &str) -> Result<JsValue, JsValue>;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    pub(super) fn is_array(value: &JsValue) -> bool;

    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math)]
    pub(super) fn random() -> f64;

    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(js_namespace = Reflect, catch)]
    pub(super) fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// `new Error(message)`.
    #[wasm_bindgen(js_name = Error)]
    pub(super) type Error;

    #[wasm_bindgen(constructor, js_class = "Error")]
    pub(super) fn new(message: &str) -> Error;

    /// `new Object()`.
    #[wasm_bindgen(js_name = Object)]
    pub(super) type Object;

    #[wasm_bindgen(constructor, js_class = "Object")]
    pub(super) fn new() -> Object;
}
