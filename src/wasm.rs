//! The wasm-bindgen binding (stub: being implemented).
