# vanthu — developer commands. `make run` and `make test` are the two that matter on a fresh
# machine; README.md says what each target does.

GO ?= go

# make load: where the throw-away server listens (loopback only), how long each run lasts
# and how many clients send at once.
LOAD_ADDR     ?= 127.0.0.1:18080
LOAD_DURATION ?= 10s
LOAD_CLIENTS  ?= 32
# make load-slow: how many connections announce a body of LOAD_SLOW_LENGTH bytes and send none.
LOAD_SLOW        ?= 1000
LOAD_SLOW_LENGTH ?= 2097000

.PHONY: run test race tidy-check bench fuzz build load load-slow render-seed lint clean

## run: serve the API on http://127.0.0.1:8080 with the SQLite file ./vanthu.db, loading the
## demo directory into it when it is empty (flags and VANTHU_* variables still apply).
run:
	$(GO) run ./cmd/vanthu serve

## test: every test; the PostgreSQL ones run when VANTHU_TEST_POSTGRES_DSN is set, the
## LibreOffice ones when soffice, pdfinfo and pdftotext are installed.
test:
	$(GO) test -count=1 ./...

## race: the tests of the packages with concurrent code (the group commit and checkpoint
## loop in storage, the caches and pools of generator, typeset and directory, the service's
## routing cache, the HTTP concurrency tests, the converter pool and the job queue) under the
## race detector.
RACE_PKGS = ./storage ./generator/... ./typeset ./directory ./secretariat ./httpapi ./accounts ./pdfconv ./jobs/...
race:
	$(GO) test -race -count=1 $(RACE_PKGS)

## tidy-check: go mod tidy must have nothing to change in go.mod and go.sum.
tidy-check:
	$(GO) mod tidy -diff

## bench: the generator benchmarks, on one core.
bench:
	$(GO) test ./generator -run XXX -bench . -benchtime 2s -cpu 1

## fuzz: one minute of fuzzing of the text path of the generator.
fuzz:
	$(GO) test ./generator -run XXX -fuzz FuzzRenderText -fuzztime 60s

## build: bin/vanthu and bin/loadgen.
build:
	$(GO) build -o bin/vanthu ./cmd/vanthu
	$(GO) build -o bin/loadgen ./cmd/loadgen

## load: build, start bin/vanthu on a temporary SQLite file at LOAD_ADDR, run loadgen against
## POST /api/preview and then POST /api/documents with "issue": true (LOAD_CLIENTS clients,
## LOAD_DURATION each, server memory sampled), as the demo admin with an API token made by
## `vanthu token add` (LOADGEN_TOKEN), stop the server and remove the files.
## loadgen only ever sends to loopback addresses.
load: build
	@set -e; \
	tmp=$$(mktemp -d); pid=; \
	trap 'if [ -n "$$pid" ]; then kill $$pid 2>/dev/null || true; wait $$pid 2>/dev/null || true; fi; rm -rf "$$tmp"' EXIT; \
	trap 'exit 130' INT TERM; \
	sed '1s/^{/{"issue": true,/' examples/forms/cong-van.json > "$$tmp/issue.json"; \
	bin/vanthu serve -addr $(LOAD_ADDR) -db "$$tmp/load.db" -log warn 2> "$$tmp/server.log" & pid=$$!; \
	for i in $$(seq 50); do \
		if grep -q '^vanthu: serving' "$$tmp/server.log"; then break; fi; \
		if ! kill -0 $$pid 2>/dev/null; then cat "$$tmp/server.log"; exit 1; fi; \
		sleep 0.2; \
	done; \
	grep '^vanthu: serving' "$$tmp/server.log" || { cat "$$tmp/server.log"; exit 1; }; \
	LOADGEN_TOKEN=$$(bin/vanthu token add quantri -name "make load" -days 1 -db "$$tmp/load.db" -log warn); \
	export LOADGEN_TOKEN; \
	status=0; \
	echo "== preview"; \
	bin/loadgen -url http://$(LOAD_ADDR) -path /api/preview -body examples/forms/cong-van.json \
		-clients $(LOAD_CLIENTS) -duration $(LOAD_DURATION) -expect 200 -pid $$pid || status=1; \
	kill -0 $$pid 2>/dev/null || { echo "make load: the server stopped"; cat "$$tmp/server.log"; exit 1; }; \
	echo "== issue"; \
	bin/loadgen -url http://$(LOAD_ADDR) -path /api/documents -body "$$tmp/issue.json" \
		-clients $(LOAD_CLIENTS) -duration $(LOAD_DURATION) -expect 201 -pid $$pid || status=1; \
	if [ -s "$$tmp/server.log" ] && grep -qv '^vanthu: serving' "$$tmp/server.log"; then \
		echo "== server log"; grep -v '^vanthu: serving' "$$tmp/server.log" | tail -20; \
	fi; \
	exit $$status

## load-slow: build, start bin/vanthu on a temporary SQLite file at LOAD_ADDR, open LOAD_SLOW
## connections that announce a body of LOAD_SLOW_LENGTH bytes and send none, and while they
## are held open run loadgen against POST /api/preview (LOAD_CLIENTS clients, LOAD_DURATION):
## prints the preview's throughput and latency and the server's peak RSS; then stops the
## server and removes the files. Both the load and the slow connections send the demo
## admin's API token (LOADGEN_TOKEN, from `vanthu token add`), so the slow bodies reach the
## body reader rather than a 401. Loopback only; LOAD_DURATION must stay under the server's
## 30 s read timeout for the slow connections to be open all along.
load-slow: build
	@set -e; \
	tmp=$$(mktemp -d); pid=; \
	trap 'if [ -n "$$pid" ]; then kill $$pid 2>/dev/null || true; wait $$pid 2>/dev/null || true; fi; rm -rf "$$tmp"' EXIT; \
	trap 'exit 130' INT TERM; \
	bin/vanthu serve -addr $(LOAD_ADDR) -db "$$tmp/load.db" -log warn 2> "$$tmp/server.log" & pid=$$!; \
	for i in $$(seq 50); do \
		if grep -q '^vanthu: serving' "$$tmp/server.log"; then break; fi; \
		if ! kill -0 $$pid 2>/dev/null; then cat "$$tmp/server.log"; exit 1; fi; \
		sleep 0.2; \
	done; \
	grep '^vanthu: serving' "$$tmp/server.log" || { cat "$$tmp/server.log"; exit 1; }; \
	LOADGEN_TOKEN=$$(bin/vanthu token add quantri -name "make load-slow" -days 1 -db "$$tmp/load.db" -log warn); \
	export LOADGEN_TOKEN; \
	echo "== preview with $(LOAD_SLOW) slow bodies pending"; \
	bin/loadgen -url http://$(LOAD_ADDR) -path /api/preview -body examples/forms/cong-van.json \
		-clients $(LOAD_CLIENTS) -duration $(LOAD_DURATION) -expect 200 -pid $$pid \
		-slow $(LOAD_SLOW) -slow-length $(LOAD_SLOW_LENGTH)

## render-seed: the seed dispatch 1028/UBND-NC as cong-van-1028.docx.
render-seed:
	$(GO) run ./cmd/vanthu render examples/cong-van-1028.json -o cong-van-1028.docx

## lint: gofmt must have nothing to say; go vet must pass.
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt -l: not formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## clean: remove what build and render-seed wrote (never the database).
clean:
	rm -rf bin cong-van-1028.docx
