# The two commands a newcomer needs: `make demo` and `make test`. Both install what is
# missing first (Debian packages, the web UI's npm packages), so a fresh Debian 12 machine
# needs nothing else.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= rocta-demo.db
PORT ?= 8080

.PHONY: demo test test-citus bench build-debug build-release web bootstrap-% clean

demo: bootstrap-demo web build-release
	./build/release/src/cli/rocta --db "$(DB)" demo --host 127.0.0.1 --port $(PORT) --web-root web/dist

test: bootstrap-test web build-debug
	bash scripts/run-tests.sh

# The PostgreSQL tests again on a Citus cluster (coordinator and two workers on loopback);
# builds and installs Citus once per machine when missing (scripts/citus-test-cluster.sh).
test-citus: bootstrap-test build-debug
	bash scripts/test-citus.sh

bench: bootstrap-bench web build-release
	bash bench/run.sh

bootstrap-%:
	@bash scripts/bootstrap.sh $*

web:
	@cd web && npm run --silent build >/dev/null

build-debug:
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

build-release:
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

clean:
	rm -rf build web/dist
