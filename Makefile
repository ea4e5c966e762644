# kdump - build and test.  `make` builds the static musl binaries into
# build/bin; `make check` runs every test and ends with "N passed, N failed".

CC       := musl-gcc
FUZZCC   := clang
BUILD    := build
BIN      := $(BUILD)/bin
OBJ      := $(BUILD)/obj
STATIC   := $(BUILD)/static
RESULTS  := $(BUILD)/results
# musl has no kernel headers: the system's uapi headers, and only those.
KHDR     := $(BUILD)/khdr

CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Wno-format-truncation \
            -Icommon -I$(STATIC)/include -isystem $(KHDR)
LDFLAGS  += -static -L$(STATIC)/lib

COMMON_SRC    := $(sort $(wildcard common/*.c))
LOADER_SRC    := $(sort $(wildcard loader/*.c))
INIT_SRC      := $(sort $(wildcard capture-init/*.c))
COLLECTOR_SRC := $(sort $(wildcard collector/*.c))
UNIT_SRC      := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC      := $(sort $(wildcard tests/fuzz/fuzz_*.c))

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))
COMMON_OBJ    := $(call obj,$(COMMON_SRC))
# loader/kdumpctl.c holds main(); the rest of loader/ is also unit-tested.
LOADER_LIB    := $(call obj,$(filter-out loader/kdumpctl.c,$(LOADER_SRC)))
COLLECTOR_LIB := $(call obj,$(filter-out collector/kdump-collect.c,$(COLLECTOR_SRC)))
INIT_LIB      := $(call obj,$(filter-out capture-init/kdump-init.c,$(INIT_SRC)))

PROGRAMS   := $(BIN)/kdumpctl $(BIN)/kdump-init $(BIN)/kdump-collect
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 20

.PHONY: all libs check check-unit check-fuzz check-collector check-qemu demo \
	fixtures bench clean

all: $(PROGRAMS)

# Static zlib, lz4, zstd and LZO built with musl from Debian's sources.
libs: $(STATIC)/.done
$(STATIC)/.done: scripts/build-static-libs.sh
	scripts/build-static-libs.sh $(STATIC)

$(OBJ)/tests/%.o: CFLAGS += -Iloader -Icollector -Icapture-init
$(OBJ)/capture-init/%.o: CFLAGS += -Icollector

$(KHDR)/.done:
	@mkdir -p $(KHDR)
	ln -sfn /usr/include/linux $(KHDR)/linux
	ln -sfn /usr/include/asm-generic $(KHDR)/asm-generic
	ln -sfn /usr/include/$$(gcc -print-multiarch)/asm $(KHDR)/asm
	@touch $@

$(OBJ)/%.o: %.c $(STATIC)/.done $(KHDR)/.done
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(OBJ)/loader/%.o: CFLAGS += -Icapture-init -Icollector

$(BIN)/kdumpctl: $(OBJ)/loader/kdumpctl.o $(LOADER_LIB) $(OBJ)/capture-init/probe.o \
		$(OBJ)/collector/flat_reader.o $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(BIN)/kdump-init: $(OBJ)/capture-init/kdump-init.o $(INIT_LIB) $(COLLECTOR_LIB) $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lzstd -llzo2 -lz

$(BIN)/kdump-collect: $(OBJ)/collector/kdump-collect.o $(COLLECTOR_LIB) $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lzstd -llzo2 -lz

# Unit tests: one program per tests/unit/test_*.c, linked with every library.
$(BUILD)/tests/%: $(OBJ)/tests/unit/%.o $(LOADER_LIB) $(INIT_LIB) $(COLLECTOR_LIB) $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -llz4 -lzstd -llzo2 -lz

# Fuzz targets: libFuzzer + ASan/UBSan, built with clang against glibc and
# Debian's compression libraries, with every library source of the tree.
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
              -Icommon -Iloader -Icollector -Icapture-init
FUZZ_LIB_SRC := $(COMMON_SRC) $(filter-out loader/kdumpctl.c,$(LOADER_SRC)) \
                $(filter-out collector/kdump-collect.c,$(COLLECTOR_SRC)) \
                $(filter-out capture-init/kdump-init.c,$(INIT_SRC))
$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRC) -lzstd -llzo2 -lz

check-unit: $(UNIT_BINS)
	@mkdir -p $(RESULTS)
	@: > $(RESULTS)/unit.log
	@for t in $(UNIT_BINS); do $$t >> $(RESULTS)/unit.log 2>&1 || true; done
	@cat $(RESULTS)/unit.log

check-fuzz: $(FUZZ_BINS)
	@mkdir -p $(RESULTS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS) > $(RESULTS)/fuzz.log 2>&1 || true
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/fuzz.log

# The collector on real crashes: makedumpfile's counts, crash opens every
# output, faults.
check-collector: all
	@mkdir -p $(RESULTS)
	@tests/collector/run.sh > $(RESULTS)/collector.log 2>&1 || true
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/collector.log

check-qemu: all
	@mkdir -p $(RESULTS)
	@tests/qemu/run.sh > $(RESULTS)/qemu.log 2>&1 || true
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/qemu.log

check:
	@rm -f $(RESULTS)/*.log
	@mkdir -p $(RESULTS)
	@for s in unit fuzz collector qemu; do \
		$(MAKE) -s --no-print-directory check-$$s || \
			echo "FAIL check-$$s: did not build or run" >> $(RESULTS)/build.log; \
	done
	@tests/report.sh $(RESULTS)/*.log

# The main job: a real crash in a QEMU guest, captured end to end.
demo: all
	tests/qemu/demo.sh

# kdump-collect against makedumpfile on a fixture (scripts/bench.sh).
bench: all
	scripts/bench.sh

# Raw ELF vmcores of real crashes, for the collector's tests (cached).
fixtures: all
	tests/qemu/fixtures.sh

clean:
	rm -rf $(BIN) $(OBJ) $(BUILD)/tests $(BUILD)/fuzz $(RESULTS)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
.SECONDARY:
