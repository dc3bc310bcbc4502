//! The wasm-bindgen binding (being written).
