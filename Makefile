# The workbook's commands. Learners: make kata NAME=<kata>. Maintainers and CI: make test.
GO ?= go
KATAS := $(sort $(notdir $(wildcard katas/*)))

.PHONY: help kata solution grade test fmt vet cross judge list FORCE

help:
	@echo "make kata NAME=<kata>      judge your solution of a kata (katas/<kata>/<kata>.go)"
	@echo "make solution NAME=<kata>  judge the reference solution"
	@echo "make grade                 judge every kata, with a score table"
	@echo "make test                  the workbook's own checks (maintainers and CI)"
	@echo "katas: $(KATAS)"

# The kata command is built into bin/ (git ignores it) and run from there, so that its
# exit status is the make target's without go run's noise.
KATA = bin/kata

$(KATA): FORCE
	@$(GO) build -o $(KATA) ./cmd/kata

kata: $(KATA)
	@$(KATA) test $(NAME)

solution: $(KATA)
	@$(KATA) test $(NAME) -solution

# grade: every kata judged in its own process, a score table; exit 0 only when all pass.
grade: $(KATA)
	@$(KATA) grade

FORCE:

list:
	@echo $(KATAS)

# test: formatting and vet, the build for the other systems learners use, then every
# reference, stub, known-bad and correct variant, and the tests of the harness and the CLI.
test: fmt vet cross judge

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:" $$out >&2; exit 1; fi

vet:
	$(GO) vet ./...

# cross: every package (go vet type-checks its tests too) and every kata's test binary
# build for Windows and macOS on Apple silicon, both at once. Without -race: that needs
# the target's C toolchain. The packages are found by go, never listed here.
CROSS := windows-amd64 darwin-arm64

cross:
	@$(MAKE) --no-print-directory -j2 $(addprefix cross-,$(CROSS))

cross-%:
	@GOOS=$(word 1,$(subst -, ,$*)) GOARCH=$(word 2,$(subst -, ,$*)) sh -c \
		'$(GO) vet ./... && $(GO) build ./... && $(GO) test -c -ldflags="-s -w" -o /dev/null ./katas/... >/dev/null' || \
		{ echo "make cross: the workbook does not build for $(subst -,/,$*)" >&2; exit 1; }

# judge: the katas and solutions compiled with yield points, as kata test compiles them.
judge: $(if $(wildcard cmd),$(KATA))
	$(GO) test -race -count=1 -timeout=9m $(if $(wildcard cmd),-overlay="$$($(KATA) overlay)") ./harness/... ./solutions/... $(if $(wildcard cmd),./cmd/...)
