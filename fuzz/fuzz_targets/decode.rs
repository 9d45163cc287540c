//! Arbitrary bytes through load's decoder (BOM, UTF-16, UTF-8, legacy).
#![no_main]

#[path = "../common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_decode(data));
