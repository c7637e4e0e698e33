# Switchboard — build, run, test, benchmark. `make run` and `make test` do all set-up on a fresh Debian machine.
SWIFT      ?= swift
PYTHON     ?= python3
DATA_DIR   ?= ./var
CONFIG     ?=
BUILD_ARGS ?=
# Steps of the call-engine benchmarks (issue 3): total calls/s offered; concurrent echo and bridged media calls.
BENCH_CPS_RATES     ?= 900,1300,1500,1700
BENCH_ECHO_CALLS    ?= 500,750,1000,1250,1500
BENCH_BRIDGED_CALLS ?= 500,625,750,900
# Steps of the WebRTC benchmark (issue 5): concurrent WebRTC calls per target (echo, transcoded to G.711, Janus).
BENCH_WEBRTC_CALLS  ?= 100,125,150,200

RUN_PACKAGES  := liblua5.4-dev libssl-dev libsrtp2-dev libopus-dev libsqlite3-dev pkg-config
TEST_PACKAGES := sip-tester openssl baresip chromium firefox-esr pulseaudio
PIP_PACKAGES  := pytest websockets numpy playwright aiortc
# Peers only the benchmarks compare against (Janus's WebSocket API for idle connections, its EchoTest for WebRTC calls).
BENCH_PACKAGES := janus

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all run build test unit-test interop-test bench deps test-deps bench-deps clean-var

all: build

# Installs the Debian packages that are missing (apt is only called when something is missing).
deps:
	@missing=""; for p in $(RUN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

test-deps: deps
	@missing=""; for p in $(TEST_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi
	@$(PYTHON) -c "import pytest, websockets, numpy, playwright, aiortc" 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)

bench-deps: test-deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

build: deps
	$(SWIFT) build $(BUILD_ARGS)

run: build
	$(SWIFT) run --skip-build switchboard run --data-dir $(DATA_DIR) $(if $(CONFIG),--config $(CONFIG))

# Everything: unit tests of every target, then the interop tests against real peers (sipp, websockets).
test: test-deps
	$(SWIFT) build --build-tests $(BUILD_ARGS)
	$(SWIFT) test --skip-build
	SWITCHBOARD_BIN=$$($(SWIFT) build --show-bin-path)/switchboard $(PYTHON) -m pytest -v Tests/Interop

unit-test: deps
	$(SWIFT) build --build-tests $(BUILD_ARGS)
	$(SWIFT) test --skip-build

interop-test: test-deps build
	SWITCHBOARD_BIN=$$($(SWIFT) build --show-bin-path)/switchboard $(PYTHON) -m pytest -v Tests/Interop

bench: bench-deps
	$(SWIFT) build -c release --product switchboard
	$(SWIFT) build -c release --product ParseBench
	$$($(SWIFT) build -c release --show-bin-path)/ParseBench
	$(SWIFT) build -c release --product MediaCostBench
	$$($(SWIFT) build -c release --show-bin-path)/MediaCostBench
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/register_bench.py --rates 500,750,1000
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/lua_ivr_bench.py --calls 500,2000
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/verto_bench.py --logins 3000 --idle 1000,5000
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/call_bench.py --mode both --rates $(BENCH_CPS_RATES)
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/media_bench.py --mode echo --calls $(BENCH_ECHO_CALLS)
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard $(PYTHON) Benchmarks/media_bench.py --mode bridged --calls $(BENCH_BRIDGED_CALLS)
	$(SWIFT) build -c release --product WebRTCLoad
	SWITCHBOARD_BIN=$$($(SWIFT) build -c release --show-bin-path)/switchboard WEBRTCLOAD_BIN=$$($(SWIFT) build -c release --show-bin-path)/WebRTCLoad \
	  $(PYTHON) Benchmarks/webrtc_bench.py --calls $(BENCH_WEBRTC_CALLS)

clean-var:
	rm -rf $(DATA_DIR)
