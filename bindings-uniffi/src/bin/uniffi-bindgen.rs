//! `uniffi-bindgen`, built from the same uniffi as the binding (feature `cli`), so generated code always matches.

fn main() {
    uniffi::uniffi_bindgen_main()
}
