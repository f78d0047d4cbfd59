# onfido-core: `make demo` and `make test` work on a fresh machine; each target installs what it needs.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

# One shared build directory keeps warm runs fast across clones.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/onfido-core/target
export CARGO_TERM_COLOR ?= never

.PHONY: generate generated-fresh test test-core test-sandbox test-python package-python package python-env pytest-wheel test-kotlin generate-bindings test-wasm bench-wasm lint demo bench load stress fuzz toolchain

# The Python side: one venv (of $(PYTHON)) and one wheel directory shared by every clone.
PYTHON := python3
PY_VENV := $(HOME)/.cache/onfido-core/venv
WHEELS := $(HOME)/.cache/onfido-core/wheels

## test: every suite that exists
test: test-core test-sandbox test-python package-python test-kotlin test-wasm

## test-core: the description and generated code fresh, format, lints and every Rust test of the core (unit, vectors, properties, doc)
test-core: toolchain generated-fresh lint
	cargo test -p onfido-core --doc
	cargo test -p onfido-core --lib --tests
	cargo test -p onfido-vectors

## test-sandbox: the sandbox crate: the simulator's unit tests, and the server over real HTTP: every operation, limits, signals, faults, webhooks; the simulator alone (no server) on the host and wasm32
test-sandbox: toolchain
	cargo clippy -p onfido-sandbox --all-targets -- -D warnings
	cargo clippy -p onfido-sandbox --no-default-features --all-targets -- -D warnings
	@rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo clippy -q -p onfido-sandbox --no-default-features --target wasm32-unknown-unknown -- -D warnings
	cargo test -p onfido-sandbox

## test-python: builds the abi3 wheel, installs it in a venv, runs pytest (vectors, e2e over HTTP and in process, async, threads, retries, errors, secrets, webhooks), mypy --strict and stubtest; then pytest again on CPython 3.9 and 3.13 where the machine has them
test-python: toolchain python-env
	cargo clippy -p onfido-core-python -- -D warnings
	cargo build -q -p onfido-sandbox
	rm -f $(WHEELS)/onfido_core-*.whl
	cd bindings-python && $(PY_VENV)/bin/maturin build --release -q -o $(WHEELS)
	$(MAKE) --no-print-directory pytest-wheel
	cd bindings-python && $(PY_VENV)/bin/python -m mypy --strict --no-incremental examples/everything.py examples/everything_v2.py
	cd bindings-python && $(PY_VENV)/bin/python -m mypy --strict --no-incremental -p onfido_core
	cd bindings-python && $(PY_VENV)/bin/python -m mypy.stubtest onfido_core._native
	bash bindings-python/scripts/test-other-pythons.sh

## package-python: the sdist: its contents (the core and the workspace it builds from), twine check, `pip install` of it into a fresh venv with an empty target dir and CARGO_HOME, a smoke test of what it installed
package-python: toolchain python-env
	PY_VENV=$(PY_VENV) WHEELS=$(WHEELS) bash bindings-python/scripts/package.sh sdist

## package: the Python distributions into $(WHEELS)/dist: the sdist and abi3 wheels for manylinux2014 and musllinux_1_2 (x86_64, maturin --zig), each checked (auditwheel, glibc symbol versions, the musl module's needs, twine); the READMEs' examples on the oldest CPython on the manylinux wheel
package: toolchain python-env
	PY_VENV=$(PY_VENV) WHEELS=$(WHEELS) bash bindings-python/scripts/package.sh all

## pytest-wheel: installs the built wheel into $(PY_VENV) and runs pytest there (PYTHON and PY_VENV choose another interpreter and venv)
pytest-wheel: python-env
	$(PY_VENV)/bin/pip install -q --force-reinstall --no-deps $(WHEELS)/onfido_core-*.whl
	cd bindings-python && ONFIDO_SANDBOX_BIN=$(CARGO_TARGET_DIR)/debug/onfido-sandbox $(PY_VENV)/bin/python -m pytest -q -p no:cacheprovider tests

## test-kotlin: the uniffi binding: a freshness check of the generated Kotlin/Swift, consistency checks of the Swift package and the Android module (neither is built here), the cdylib in the jar, then the Maven build (Kotlin, JUnit 5: shared vectors, every operation over HTTP and in process, errors, a throwing transport, retries, cancellation, secrets, token-less mode, the OkHttp transport), then scratch Kotlin and Java Maven projects on the installed artifacts against onfido-sandbox
test-kotlin: toolchain
	cargo clippy -p onfido-core-uniffi --all-targets -- -D warnings
	cargo test -q -p onfido-core-uniffi
	bindings-uniffi/scripts/test-kotlin.sh
	bindings-uniffi/scripts/consumer-check.sh

# The wasm side: pinned tools (wasm-bindgen-cli, npm dev deps) installed once under ~/.cache/onfido-core.
WASM_TOOLS := $(HOME)/.cache/onfido-core/tools
WASM_TEST_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(WASM_TOOLS)/bin/wasm-bindgen-test-runner

## test-wasm: builds the npm package (wasm-bindgen, wasm-opt, tsc, npm pack) and runs node --test on Node 20 and Node 18 (vectors, every operation over HTTP and in process, errors, ESM and CJS, the packed tarball installed and type-checked) and wasm-bindgen-test in Node and headless Chromium
test-wasm: toolchain
	bash bindings-wasm/scripts/build.sh
	cargo clippy -q -p onfido-core-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -q -p onfido-core-wasm --target wasm32-unknown-unknown --no-default-features --features client -- -D warnings
	cargo clippy -q -p onfido-core-wasm --target wasm32-unknown-unknown --no-default-features --features sandbox -- -D warnings
	cargo build -q -p onfido-sandbox
	cd bindings-wasm && ONFIDO_SANDBOX_BIN=$(CARGO_TARGET_DIR)/debug/onfido-sandbox node --test --test-reporter=spec test/*.test.mjs test/*.test.cjs
	node18="$$(bash bindings-wasm/scripts/build.sh node-oldest)" && echo "==> the same tests on Node $$("$$node18" --version), the oldest the package supports" && \
	  cd bindings-wasm && ONFIDO_SANDBOX_BIN=$(CARGO_TARGET_DIR)/debug/onfido-sandbox "$$node18" --test test/*.test.mjs test/*.test.cjs
	$(WASM_TEST_RUNNER) cargo test -p onfido-core-wasm --target wasm32-unknown-unknown --test web
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { apt-get update -q && apt-get install -y -q chromium chromium-driver; }
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/bindings-wasm/tests/webdriver.json \
	  $(WASM_TEST_RUNNER) cargo test -p onfido-core-wasm --target wasm32-unknown-unknown --test web

## bench-wasm: onfido-core beside @onfido/api@6.2.0 (installs it in a temp dir; needs the npm registry)
bench-wasm:
	bash bindings-wasm/scripts/build.sh
	node bindings-wasm/bench/bench.mjs

## generate-bindings: regenerates bindings-uniffi/generated (Kotlin and Swift) from the cdylib
generate-bindings:
	bindings-uniffi/scripts/generate.sh

python-env:
	test -x $(PY_VENV)/bin/python || $(PYTHON) -m venv $(PY_VENV)
	$(PY_VENV)/bin/python -m pip install -q --disable-pip-version-check -r bindings-python/test-requirements.txt

## generate: re-derives api/onfido-v3.json from ../shared/spec (when present) and regenerates the core's v3 tables
generate:
	@if [ -d ../shared/spec ]; then python3 api/derive.py; else echo "no ../shared/spec: api/onfido-v3.json kept as it is"; fi
	cargo xtask generate

## generated-fresh: fails when the description or the generated code would change on regeneration
generated-fresh:
	@if [ -d ../shared/spec ]; then python3 api/derive.py --check; else echo "no ../shared/spec: the description's derivation not re-checked"; fi
	cargo xtask check
	cargo clippy -q -p xtask -- -D warnings

## lint: rustfmt and clippy as the core's standards require
lint: toolchain
	cargo fmt --all -- --check
	cargo clippy -p onfido-core --all-targets -- -D warnings
	cargo clippy -p onfido-core --lib -- -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic
	cargo clippy -p onfido-sandbox --lib -- -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic
	cargo clippy -p onfido-vectors --all-targets -- -D warnings

## demo: the v3.6 getting-started flow on the offline sandbox server (the real API when ONFIDO_API_TOKEN is set; ARGS=--v2 for the v2 flow)
demo:
	cargo run -q -p onfido-sandbox --example getting_started -- $(ARGS)

## load: a bounded load run of the sandbox server on loopback (8 clients, 10 s)
load:
	cargo run -q --release -p onfido-sandbox --example load -- 8 10

## stress: attacker-style loopback run: 300 slow connections beside 4 normal clients for 15 s, then 250 unfinished 10 MiB uploads (server RSS)
stress:
	cargo run -q --release -p onfido-sandbox --example stress -- 300 15 250 1048576

## bench: criterion benches of the core (figures go to BENCHMARKS.md)
bench:
	cargo bench -p onfido-core --bench parse --bench rules

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (not part of `make test`; CI runs the proptests)
FUZZ_SECONDS ?= 600
fuzz:
	cargo install cargo-fuzz --version =0.13.2 --locked --quiet
	python3 core/fuzz/seed_corpus.py
	cd core && for t in parse_response webhook referrer link_header v3_parse v3_build v3_event bounds; do \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -O -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 || exit 1; done

toolchain:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
