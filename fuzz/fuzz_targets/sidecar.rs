//! An arbitrary article with an arbitrary sidecar correction file.
#![no_main]

#[path = "../common.rs"]
mod common;

#[derive(arbitrary::Arbitrary, Debug)]
struct Input {
    article: Vec<u8>,
    sidecar: String,
}

libfuzzer_sys::fuzz_target!(|input: Input| common::check_sidecar(&input.article, &input.sidecar));
