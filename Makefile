# onfido-core: `make demo` and `make test` work on a fresh machine; each target installs what it needs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

# One shared build directory keeps warm runs fast across clones.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/onfido-core/target
export CARGO_TERM_COLOR ?= never

.PHONY: test test-core lint demo bench fuzz toolchain

## test: every suite that exists
test: test-core

## test-core: format, lints and every Rust test of the core (unit, vectors, properties, doc)
test-core: toolchain lint
	cargo test -p onfido-core --doc
	cargo build -p onfido-core --examples
	cargo test -p onfido-core --lib --tests

## lint: rustfmt and clippy as the core's standards require
lint: toolchain
	cargo fmt --all -- --check
	cargo clippy -p onfido-core --all-targets -- -D warnings
	cargo clippy -p onfido-core --lib -- -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic

## demo: the getting-started flow (offline: requests are printed until the sandbox lands)
demo:
	cargo run -q -p onfido-core --example getting_started

## bench: criterion benches of the core (figures go to BENCHMARKS.md)
bench:
	cargo bench -p onfido-core --bench parse --bench rules

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (not part of `make test`; CI runs the proptests)
FUZZ_SECONDS ?= 600
fuzz:
	cargo install cargo-fuzz --version =0.13.2 --locked --quiet
	python3 core/fuzz/seed_corpus.py
	cd core && for t in parse_response webhook referrer link_header; do \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -O -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 || exit 1; done

toolchain:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
