# deckbook: `make` builds every guide in source/ into output/; `make test` runs every test,
# including the real-client checks (Anki backend, EPUBCheck, CSV readers) from a venv it makes.

CARGO   ?= cargo
PYTHON  ?= python3
VENV    ?= .venv
VPY     := $(VENV)/bin/python
BIN     := target/release/deckbook
APT_GET := $(shell command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo) apt-get

.PHONY: all build release test test-rust test-clients test-readers readers-deps venv java snapshots bench bench-library compare lint fuzz fuzz-pipeline clean

all: build

## Build every guide in source/ into output/ (all formats), and update each guide's lock file
## beside it (source/<guide>.deckbook.lock: commit it with the guide).
build: release
	@mkdir -p output
	$(BIN) build

release:
	$(CARGO) build --release --locked

## Every test: Rust unit/integration/golden tests, then the real-client checks.
test: test-rust test-clients

test-rust:
	$(CARGO) test --locked

# -rfEs lists failures, errors and skips; a skip also fails the session (tests/clients/conftest.py).
test-clients: release venv java
	$(VPY) -m pytest -q -rfEs tests/clients -m "not readers"

## Checks with heavyweight real readers: Calibre (EPUB → AZW3), LibreOffice (CSV → xlsx) and
## Ace by DAISY (EPUB accessibility, in Chromium).
test-readers: release venv java readers-deps
	$(VPY) -m pytest -q -rfEs tests/clients -m readers

ACE_STAMP := tests/clients/node_modules/.installed

readers-deps: $(ACE_STAMP)
	@command -v ebook-convert >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 && \
	  command -v chromium >/dev/null 2>&1 || { \
	  $(APT_GET) update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends \
	    calibre libreoffice-calc-nogui chromium >/dev/null; }

# Ace by DAISY from the committed package-lock.json, into tests/clients/node_modules (it needs
# Node.js 20 or later). Puppeteer's browser download is skipped: Ace runs Debian's Chromium.
$(ACE_STAMP): tests/clients/package.json tests/clients/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq nodejs npm >/dev/null; }
	cd tests/clients && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

## Rewrite the golden files and output snapshots in tests/expected/ from the current code
## (then review `git diff tests/expected`).
snapshots:
	UPDATE_EXPECTED=1 $(CARGO) test --locked --test golden --test snapshots

## The Markdown spec corpus (tests/spec/README.md): every example of the CommonMark, GFM and
## pulldown-cmark specs built into every format and checked by the real clients.
.PHONY: spec
spec: release venv java
	$(VPY) -m pytest -q tests/spec/test_corpus.py tests/spec/test_live.py
	$(VPY) tests/spec/harness.py

venv: $(VENV)/.installed

$(VENV)/.installed: tests/clients/requirements.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq python3-venv >/dev/null && \
	  $(PYTHON) -m venv $(VENV); }
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -r tests/clients/requirements.txt
	@touch $@

# EPUBCheck needs a Java runtime.
java:
	@command -v java >/dev/null 2>&1 || { \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq default-jre-headless >/dev/null; }

## Score deckbook on the real-guide corpus (tests/corpus/): count agreement, sampled
## question/answer pairs, boilerplate cards, EPUBCheck and Anki import. CORPUS_ARGS passes
## options to the scorer (`--folders`, `--only NAME`, `--report-only`, `-v`).
.PHONY: corpus
CORPUS_ARGS ?=
corpus: release venv java
	$(VPY) tests/corpus/score.py $(CORPUS_ARGS)

## Criterion benchmarks (medians in target/criterion) and peak memory of the large guides.
bench: release
	@mkdir -p bench/out
	$(PYTHON) bench/make_large.py source/python-interview-guide.md 10 bench/out/guide-x10.md
	$(PYTHON) bench/make_large.py source/python-interview-guide.md 100 bench/out/guide-x100.md
	$(CARGO) bench --locked --bench pipeline
	@for g in source/python-interview-guide.md bench/out/guide-x10.md bench/out/guide-x100.md; do \
	  printf '%s: parse (check) wall s, peak MiB, cpu s: ' $$g; $(PYTHON) bench/peak_rss.py $(BIN) check $$g; \
	  mkdir -p bench/out/build; \
	  printf '%s: full build wall s, peak MiB, cpu s: ' $$g; $(PYTHON) bench/peak_rss.py $(BIN) build $$g -o bench/out/build; \
	done

## A library of guides (bench/make_library.py: renamed copies of the seed) built in one run,
## for each size of LIBRARY_SIZES, on every core and on one thread (RAYON_NUM_THREADS=1):
## wall seconds, peak MiB and CPU seconds (user + system) of each; the load average first,
## since the figures depend on what else the machine runs.
LIBRARY_GUIDES ?= 1000
LIBRARY_SIZES  ?= 250 500 $(LIBRARY_GUIDES)
LIBRARY_OUT    := bench/out/library-out
bench-library: release
	@echo "load average (1, 5, 15 min): $$(cut -d' ' -f1-3 /proc/loadavg); $$(nproc) cores"
	@for n in $(LIBRARY_SIZES); do \
	  $(PYTHON) bench/make_library.py source/python-interview-guide.md $$n bench/out/library-$$n || exit 1; \
	  rm -rf $(LIBRARY_OUT) && mkdir -p $(LIBRARY_OUT); \
	  printf 'library of %s guides, every core: wall s, peak MiB, cpu s: ' $$n; \
	  $(PYTHON) bench/peak_rss.py $(BIN) build --no-lock -q -o $(LIBRARY_OUT) bench/out/library-$$n || exit 1; \
	  rm -rf $(LIBRARY_OUT) && mkdir -p $(LIBRARY_OUT); \
	  printf 'library of %s guides, one thread: wall s, peak MiB, cpu s: ' $$n; \
	  RAYON_NUM_THREADS=1 $(PYTHON) bench/peak_rss.py $(BIN) build --no-lock -q -o $(LIBRARY_OUT) bench/out/library-$$n || exit 1; \
	done
	@# The whole library as one deck and one book (--bundle): run once the build has the flag.
	@if $(BIN) build --help | grep -q -- '--bundle'; then \
	  rm -rf $(LIBRARY_OUT) && mkdir -p $(LIBRARY_OUT); \
	  printf 'library of %s guides, --bundle, every core: wall s, peak MiB, cpu s: ' $(LIBRARY_GUIDES); \
	  $(PYTHON) bench/peak_rss.py $(BIN) build --no-lock -q --bundle library -o $(LIBRARY_OUT) bench/out/library-$(LIBRARY_GUIDES); \
	else echo "--bundle: not measured (this build has no --bundle)"; fi
	@echo "load average (1, 5, 15 min): $$(cut -d' ' -f1-3 /proc/loadavg)"

## deckbook against pandoc and a genanki script, side by side (see bench/compare.sh).
compare: release venv
	bash bench/compare.sh

lint:
	@rustup component add rustfmt clippy >/dev/null 2>&1 || true
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps

## Run the parser fuzz target (needs cargo-fuzz; RUSTC_BOOTSTRAP lets stable run it).
FUZZ_SECONDS ?= 600
fuzz:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	mkdir -p fuzz/corpus/parse && cp tests/fixtures/hostile/*.md source/*.md fuzz/corpus/parse/
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run parse -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096

## Run the whole-pipeline fuzz target: parse → prepare → every output in memory, every XHTML
## document well-formed, no live script, handler or `javascript:` URL in any output.
fuzz-pipeline:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	mkdir -p fuzz/corpus/pipeline && cp tests/fixtures/hostile/*.md tests/fixtures/guides/*.md fuzz/corpus/pipeline/
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run pipeline -- -max_total_time=$(FUZZ_SECONDS) \
	  -rss_limit_mb=4096 -max_len=16384 -dict=pipeline.dict

clean:
	$(CARGO) clean
	rm -rf output/*.apkg output/*.epub output/*.csv bench/out
