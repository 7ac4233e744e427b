# The workbook's commands. Learners: make kata NAME=<kata>. Maintainers and CI: make test.
GO ?= go
KATAS := $(sort $(notdir $(wildcard katas/*)))

.PHONY: help kata solution test fmt vet judge list

help:
	@echo "make kata NAME=<kata>      judge your solution of a kata (katas/<kata>/<kata>.go)"
	@echo "make solution NAME=<kata>  judge the reference solution"
	@echo "make test                  the workbook's own checks (maintainers and CI)"
	@echo "katas: $(KATAS)"

define need_name
	@if [ -z "$(NAME)" ] || [ ! -d "katas/$(NAME)" ]; then \
		echo "unknown kata '$(NAME)'; the katas are: $(KATAS)" >&2; \
		echo "usage: make $@ NAME=<kata>" >&2; exit 2; fi
endef

kata:
	$(need_name)
	$(GO) test -race -count=1 ./katas/$(NAME)

solution:
	$(need_name)
	$(GO) test -race -count=1 ./solutions/$(NAME)

list:
	@echo $(KATAS)

# test: formatting and vet, then every reference, stub, known-bad and correct variant,
# and the tests of the harness and the CLI.
test: fmt vet judge

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:" $$out >&2; exit 1; fi

vet:
	$(GO) vet ./...

judge:
	$(GO) test -race -count=1 -timeout=9m ./harness/... ./solutions/... $(if $(wildcard cmd),./cmd/...)
