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

# Every folder but tests/ is a library, built into its own static archive;
# a program is its main object(s) and the archives it needs, lowest last,
# so that it links only the objects it uses:
#   kdumpctl       loader/kdumpctl.c, verbs_*.c  libloader libcollector libstorage libcommon
#   kdump-init     capture-init/kdump-init.c     libinit libcollector libstorage libcommon
#   kdump-collect  collector/kdump-collect.c     libcollector libcommon
LIBDIRS := common storage collector capture-init loader
MAINS   := loader/kdumpctl.c $(wildcard loader/verbs_*.c) capture-init/kdump-init.c \
           collector/kdump-collect.c
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))
lib_src = $(filter-out $(MAINS),$(sort $(wildcard $(1)/*.c)))
LIB := $(BUILD)/lib
LIB_COMMON    := $(LIB)/libcommon.a
LIB_STORAGE   := $(LIB)/libstorage.a
LIB_COLLECTOR := $(LIB)/libcollector.a
LIB_INIT      := $(LIB)/libinit.a
LIB_LOADER    := $(LIB)/libloader.a
# What the collector links besides libc: the page codecs, and libmd for
# the SHA-256 of a dump (common/sha256.c).
CODECS := -ldeflate -lzstd -llzo2 -lz -lmd

PROGRAMS   := $(BIN)/kdumpctl $(BIN)/kdump-init $(BIN)/kdump-collect
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 20

.PHONY: all libs check check-unit check-sanitize check-config check-fuzz check-collector check-qemu demo \
	fixtures bench clean install uninstall check-install

all: $(PROGRAMS)

# Static zlib, libdeflate, lz4, zstd, LZO and libmd built with musl from
# Debian's sources.
libs: $(STATIC)/.done
$(STATIC)/.done: scripts/build-static-libs.sh
	scripts/build-static-libs.sh $(STATIC)

# Each folder sees the headers of the folders below it.
$(OBJ)/storage/%.o: CFLAGS += -Istorage
$(OBJ)/collector/%.o: CFLAGS += -Icollector
$(OBJ)/capture-init/%.o: CFLAGS += -Icapture-init -Icollector -Istorage
$(OBJ)/loader/%.o: CFLAGS += -Iloader -Icollector -Istorage
$(OBJ)/tests/%.o: CFLAGS += -Iloader -Icollector -Icapture-init -Istorage \
	-Werror=unused-function

$(KHDR)/.done:
	@mkdir -p $(KHDR)
	ln -sfn /usr/include/linux $(KHDR)/linux
	ln -sfn /usr/include/asm-generic $(KHDR)/asm-generic
	ln -sfn /usr/include/$$(gcc -print-multiarch)/asm $(KHDR)/asm
	@touch $@

$(OBJ)/%.o: %.c $(STATIC)/.done $(KHDR)/.done
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# An archive is rebuilt whole, so a removed source leaves no stale member.
define archive
$(1): $(call obj,$(call lib_src,$(2)))
	@mkdir -p $$(dir $$@)
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(eval $(call archive,$(LIB_COMMON),common))
$(eval $(call archive,$(LIB_STORAGE),storage))
$(eval $(call archive,$(LIB_COLLECTOR),collector))
$(eval $(call archive,$(LIB_INIT),capture-init))
$(eval $(call archive,$(LIB_LOADER),loader))

$(BIN)/kdumpctl: $(call obj,loader/kdumpctl.c $(wildcard loader/verbs_*.c)) \
		$(LIB_LOADER) $(LIB_COLLECTOR) $(LIB_STORAGE) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(BIN)/kdump-init: $(OBJ)/capture-init/kdump-init.o $(LIB_INIT) $(LIB_COLLECTOR) \
		$(LIB_STORAGE) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CODECS)

$(BIN)/kdump-collect: $(OBJ)/collector/kdump-collect.o $(LIB_COLLECTOR) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(CODECS)

# Unit tests: one program per tests/unit/test_*.c, with every archive.
$(BUILD)/tests/%: $(OBJ)/tests/unit/%.o $(LIB_LOADER) $(LIB_INIT) $(LIB_COLLECTOR) \
		$(LIB_STORAGE) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -llz4 $(CODECS)

# Fuzz targets: libFuzzer + ASan/UBSan, built with clang against glibc and
# Debian's compression libraries, with every library source of the tree.
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
              $(addprefix -I,$(LIBDIRS))
FUZZ_LIB_SRC := $(foreach d,$(LIBDIRS),$(call lib_src,$(d)))
$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRC) $(CODECS)

# The fake unit program that tests/unit/run_selftest.sh runs through the
# runner (a crash, a bare exit status, ...).
$(BUILD)/tests/selftest/fake_unit: tests/unit/fake_unit.c tests/unit/unit.h $(STATIC)/.done $(KHDR)/.done
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# tests/unit/run.sh adds a FAIL line for a program that crashed or exited
# non-zero without saying which test failed.
check-unit: $(UNIT_BINS) $(BUILD)/tests/selftest/fake_unit
	@mkdir -p $(RESULTS)
	@{ tests/unit/run.sh $(UNIT_BINS) && \
	   tests/unit/run_selftest.sh tests/unit/run.sh $(BUILD)/tests/selftest/fake_unit; } \
		> $(RESULTS)/unit.log 2>&1 || \
		echo "FAIL unit:tests/unit/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/unit.log
	@cat $(RESULTS)/unit.log

# The unit tests again, with ASan and UBSan: built with clang against glibc
# and Debian's compression libraries as the fuzz targets are, each linked
# with every library source of the tree (compiled once, into
# build/sanitize/obj).  test_static_libs is left out: what it checks is the
# static musl builds of the codecs, which this build does not use.  A
# sanitizer report aborts the program (abort_on_error), so that run.sh
# always adds a FAIL line for it, even after a test's own FAIL line.
# Leaks fail too (detect_leaks=1: LeakSanitizer at exit): no test leaves
# an unreachable block today, so a new leak, in a library or a test, is a
# FAIL.
# Pointers to a returned frame's locals are caught as well
# (detect_stack_use_after_return), and string functions check all of
# their argument (strict_string_checks).
SAN        := $(BUILD)/sanitize
SAN_FLAGS  := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
              -std=c11 -D_GNU_SOURCE $(addprefix -I,$(LIBDIRS))
SAN_LIB_OBJ := $(patsubst %.c,$(SAN)/obj/%.o,$(FUZZ_LIB_SRC))
SAN_BINS   := $(patsubst tests/unit/%.c,$(SAN)/%,\
              $(filter-out tests/unit/test_static_libs.c,$(UNIT_SRC)))
SAN_ASAN   := detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
SAN_ENV    := ASAN_OPTIONS=$(SAN_ASAN):strict_string_checks=1 \
              UBSAN_OPTIONS=print_stacktrace=1:abort_on_error=1
$(SAN)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZCC) $(SAN_FLAGS) -MMD -MP -c -o $@ $<
$(SAN_BINS): $(SAN)/%: $(SAN)/obj/tests/unit/%.o $(SAN_LIB_OBJ)
	$(FUZZCC) $(SAN_FLAGS) -o $@ $^ $(CODECS)
-include $(shell find $(SAN) -name '*.d' 2>/dev/null)

check-sanitize: $(SAN_BINS)
	@mkdir -p $(RESULTS)
	@$(SAN_ENV) tests/unit/run.sh -p sanitize $(SAN_BINS) > $(RESULTS)/sanitize.log 2>&1 || \
		echo "FAIL sanitize:tests/unit/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/sanitize.log
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/sanitize.log

check-fuzz: $(FUZZ_BINS)
	@mkdir -p $(RESULTS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS) > $(RESULTS)/fuzz.log 2>&1 || true
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/fuzz.log

# kdumpctl against a table of bad configuration files (tests/config).
check-config: all
	@mkdir -p $(RESULTS)
	@tests/config/run.sh > $(RESULTS)/config.log 2>&1 || \
		echo "FAIL config:tests/config/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/config.log
	@grep -E '^(PASS|FAIL|SKIP) ' $(RESULTS)/config.log

# The collector on real crashes: makedumpfile's counts, crash opens every
# output, faults.
check-collector: all
	@mkdir -p $(RESULTS)
	@tests/collector/run.sh > $(RESULTS)/collector.log 2>&1 || \
		echo "FAIL collector:tests/collector/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/collector.log
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/collector.log

check-qemu: all
	@mkdir -p $(RESULTS)
	@tests/qemu/run.sh > $(RESULTS)/qemu.log 2>&1 || \
		echo "FAIL qemu:tests/qemu/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/qemu.log
	@grep -E '^(PASS|FAIL) ' $(RESULTS)/qemu.log

check:
	@rm -f $(RESULTS)/*.log
	@mkdir -p $(RESULTS)
	@for s in unit sanitize config fuzz collector install qemu; do \
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
	rm -rf $(BIN) $(OBJ) $(LIB) $(BUILD)/tests $(BUILD)/fuzz $(BUILD)/sanitize $(RESULTS)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
.SECONDARY:

# ---- install ----------------------------------------------------------
# make install [DESTDIR=staging dir] [PREFIX=/usr]; make uninstall with the
# same variables.  The configuration files, the image directory and the
# dump directory are where the binaries look for them (the compiled-in
# defaults, read from the headers), whatever PREFIX is.  dracut only
# searches /usr/lib/dracut/modules.d: with another PREFIX, set DRACUTMODDIR.
PREFIX       ?= /usr
SBINDIR      ?= $(PREFIX)/sbin
KDUMPLIBDIR  ?= $(PREFIX)/lib/kdump
DRACUTMODDIR ?= $(PREFIX)/lib/dracut/modules.d
UNITDIR      ?= $(PREFIX)/lib/systemd/system
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
MANDIR       ?= $(PREFIX)/share/man
INSTALL      ?= install

header_path = $(or $(shell sed -n 's/.*$(2) "\(.*\)".*/\1/p' $(1)),$(3))
KDUMP_CONF_FILE      := $(call header_path,common/kdump_conf.h,KDUMP_CONF_DEFAULT_PATH,/etc/kdump.conf)
KDUMP_SYSCONFIG_FILE := $(call header_path,loader/sysconfig.h,KDUMP_SYSCONFIG_DEFAULT_PATH,/etc/sysconfig/kdump)
KDUMP_STATEDIR       := $(call header_path,loader/bootfiles.h,KDUMP_IMAGE_DIR,/var/lib/kdump)
KDUMP_DUMPDIR        := $(call header_path,common/kdump_conf.h,KDUMP_DEFAULT_DUMP_PATH,/var/crash)

MAN5 := $(wildcard man/*.5)
MAN8 := $(wildcard man/*.8)
DRACUT_FILES := $(wildcard dracut/99kdump/*)
# With systemd running (and no DESTDIR), it and udev reread their files.
RELOAD_SYSTEMD = if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl daemon-reload; udevadm control --reload 2>/dev/null; fi; true

# Configuration: 0644, as distributions ship them.  kdump.conf names the
# ssh key (sshkey) but does not hold it: the key is 0600, and so is the
# capture initramfs that carries it; nothing else in either file (the
# target, the collector, the command line) is secret, and readable files
# let `kdumpctl check` and other tools read the settings.
# An administrator's copy that differs from the shipped one is never
# touched: the shipped one goes next to it as FILE.new.
install_conf = \
	if [ -e "$(DESTDIR)$(2)" ] && ! cmp -s "$(1)" "$(DESTDIR)$(2)"; then \
		$(INSTALL) -m 0644 "$(1)" "$(DESTDIR)$(2).new" && \
		echo "$(2) has local changes: kept; the shipped version is $(2).new"; \
	elif [ ! -e "$(DESTDIR)$(2)" ]; then \
		$(INSTALL) -D -m 0644 "$(1)" "$(DESTDIR)$(2)"; \
	elif [ -e "$(DESTDIR)$(2).new" ] && cmp -s "$(1)" "$(DESTDIR)$(2).new"; then \
		rm -f "$(DESTDIR)$(2).new"; \
	fi

# The unit is written with the installed paths.  The image directory is
# 0700 (images may hold an ssh key); an existing dump directory keeps its
# mode (every dump directory in it is 0700).
install: all
	$(INSTALL) -d -m 0755 $(DESTDIR)$(SBINDIR) $(DESTDIR)$(KDUMPLIBDIR) \
		$(DESTDIR)$(DRACUTMODDIR)/99kdump $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 0755 $(BIN)/kdumpctl $(BIN)/kdump-collect $(DESTDIR)$(SBINDIR)/
	$(INSTALL) -m 0755 $(BIN)/kdump-init $(DESTDIR)$(KDUMPLIBDIR)/kdump-init
	$(INSTALL) -m 0755 $(DRACUT_FILES) $(DESTDIR)$(DRACUTMODDIR)/99kdump/
	@mkdir -p $(BUILD)/install
	sed -e 's|/usr/sbin/kdumpctl|$(SBINDIR)/kdumpctl|g' \
	    -e 's|KDUMP_INIT=/usr/lib/kdump/kdump-init|KDUMP_INIT=$(KDUMPLIBDIR)/kdump-init|' \
	    conf/kdump.service > $(BUILD)/install/kdump.service
	$(INSTALL) -m 0644 $(BUILD)/install/kdump.service $(DESTDIR)$(UNITDIR)/kdump.service
	$(INSTALL) -m 0644 conf/98-kdump.rules $(DESTDIR)$(UDEVRULESDIR)/98-kdump.rules
	$(INSTALL) -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	@$(call install_conf,conf/kdump.conf,$(KDUMP_CONF_FILE))
	@$(call install_conf,conf/kdump.sysconfig,$(KDUMP_SYSCONFIG_FILE))
	$(INSTALL) -d -m 0700 $(DESTDIR)$(KDUMP_STATEDIR)
	@[ -d "$(DESTDIR)$(KDUMP_DUMPDIR)" ] || $(INSTALL) -d -m 0700 "$(DESTDIR)$(KDUMP_DUMPDIR)"
	@$(RELOAD_SYSTEMD)
	@echo "installed; \"systemctl enable --now kdump\" arms the crash kernel at every boot"

# Removes what install put (a running kdump is stopped and disabled
# first); the configuration files, changed or not, the dumps and the
# images kdumpctl built stay.
uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable --now kdump.service 2>/dev/null; fi; true
	rm -f $(DESTDIR)$(SBINDIR)/kdumpctl $(DESTDIR)$(SBINDIR)/kdump-collect \
		$(DESTDIR)$(KDUMPLIBDIR)/kdump-init \
		$(addprefix $(DESTDIR)$(DRACUTMODDIR)/99kdump/,$(notdir $(DRACUT_FILES))) \
		$(DESTDIR)$(UNITDIR)/kdump.service $(DESTDIR)$(UDEVRULESDIR)/98-kdump.rules \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(MAN8)))
	@rmdir $(DESTDIR)$(KDUMPLIBDIR) $(DESTDIR)$(DRACUTMODDIR)/99kdump 2>/dev/null; true
	@for f in conf/kdump.conf:$(KDUMP_CONF_FILE) conf/kdump.sysconfig:$(KDUMP_SYSCONFIG_FILE); do \
		new="$(DESTDIR)$${f#*:}.new"; \
		if [ -e "$$new" ] && cmp -s "$${f%%:*}" "$$new"; then rm -f "$$new"; fi; \
	done
	@rmdir $(DESTDIR)$(KDUMP_STATEDIR) 2>/dev/null || [ ! -d "$(DESTDIR)$(KDUMP_STATEDIR)" ] || \
		echo "kept $(KDUMP_STATEDIR): the capture initramfs images kdumpctl built"
	@echo "kept $(KDUMP_CONF_FILE), $(KDUMP_SYSCONFIG_FILE) and $(KDUMP_DUMPDIR)"
	@$(RELOAD_SYSTEMD)

# Installation into a scratch DESTDIR: files and modes, configuration kept,
# uninstall, the unit, the udev rule and the man pages.
check-install: all
	@mkdir -p $(RESULTS)
	@tests/install/run.sh > $(RESULTS)/install.log 2>&1 || \
		echo "FAIL install:tests/install/run.sh: stopped before the end (exit $$?)" >> $(RESULTS)/install.log
	@grep -E '^(PASS|FAIL|SKIP) ' $(RESULTS)/install.log
