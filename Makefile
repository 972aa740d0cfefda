# ampgo — the two commands of the quick start are `make demo` and `make test`.
GO       ?= go
BIN      := bin/ampgo
JSCHECK  := tools/amplify-js-check
VERSION  ?= 0.1.0-dev

.PHONY: build demo test deps lint clean

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/ampgo

# Starts a patched local AWS emulator (moto), seeds a realistic "existing"
# Cognito setup with the AWS SDK, then runs init, import auth and push with
# ampgo in a temporary folder and prints the generated aws-exports.js.
demo: build
	@tools/ensure-deps.sh moto
	$(GO) run ./tools/demo --ampgo $(BIN)

# The whole suite: lint, unit tests, integration tests against moto, the
# real aws-amplify library check and the pseudo-terminal test. Tests install
# nothing themselves: deps does (a test whose packages are missing fails
# and says to run `make deps`).
test: deps lint
	$(GO) test -count=1 -timeout 12m ./...

deps:
	@tools/ensure-deps.sh moto cfnlint node

lint:
	@out=$$(gofmt -l $$($(GO) list -f '{{.Dir}}' ./...)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff

clean:
	rm -rf bin $(JSCHECK)/node_modules

# Benchmarks (not part of `make test`): the real ampgo binary against moto
# behind a proxy that adds 60 ms round trips and Cognito's request-rate
# quotas, next to the Amplify CLI's call strategy; prints a Markdown table
# with the ratio of each wall time to its lower bound (docs/benchmarks.md).
# BENCH_FLAGS passes more flags, e.g. BENCH_FLAGS='-o bench.md -trace /tmp/t'.
.PHONY: bench bench-quick
bench:
	@tools/ensure-deps.sh moto
	$(GO) run ./bench/cmd/ampgo-bench -n 10,100,1000 $(BENCH_FLAGS)

# N = 10 and 100 only: about a minute on 2 cores.
bench-quick:
	@tools/ensure-deps.sh moto
	$(GO) run ./bench/cmd/ampgo-bench -n 10,100 $(BENCH_FLAGS)

# The long randomized fault run of issue 10 (not part of `make test`): moto
# behind a fault-injecting proxy, 1,000 runs of random commands under random
# faults, a quarter killed with SIGKILL; prints a Markdown table and exits 1
# when an invariant broke (docs/reliability.md). CHAOS_FLAGS passes more
# flags, e.g. CHAOS_FLAGS='-seed 7 -deadline 30m -o chaos.md'.
.PHONY: chaos
chaos:
	@tools/ensure-deps.sh moto
	$(GO) run ./tools/chaos -runs 1000 $(CHAOS_FLAGS)
