# Beseda: build, test and package. `make run` and `make check` are the two entry points (see README.md).
.DEFAULT_GOAL := all
# bash with pipefail, so that a test piped through tee still fails the build.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.SUFFIXES:
.SECONDEXPANSION:

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS_ALL = -std=c17 $(WARN) $(OPT) -D_GNU_SOURCE -MMD -MP $(EXTRA_CFLAGS)

# Debian packages the build and tests need; packaging/install-deps installs the missing ones.
PKGS_CORE := libzip jansson libcmark-gfm sqlite3 libsodium
PKGS_TEST := cmocka
CORE_CFLAGS = $(shell pkg-config --cflags $(PKGS_CORE))
CORE_LIBS   = $(shell pkg-config --libs $(PKGS_CORE)) -lcmark-gfm-extensions -lgettextpo -lunistring
TEST_CFLAGS = $(shell pkg-config --cflags $(PKGS_TEST))
TEST_LIBS   = $(shell pkg-config --libs $(PKGS_TEST))
# The reader: layout (fonts, line breaking), ui (screens) and platform (SDL window, drawing).
PKGS_UI   := sdl2 SDL2_ttf SDL2_image fontconfig libpng
UI_CFLAGS  = $(shell pkg-config --cflags $(PKGS_UI))
UI_LIBS    = $(shell pkg-config --libs $(PKGS_UI)) -lhyphen -lm

# The Windows build (`make windows`, docs/architecture.md): the same sources cross-built with mingw-w64 against
# the libraries packaging/windows/build-deps builds from Debian's source packages into WIN_PREFIX.
ifeq ($(WIN),1)
  WIN_PREFIX ?= $(error WIN_PREFIX is not set: use `make windows`, which builds the libraries first)
  CC        := x86_64-w64-mingw32-gcc-posix
  WINDRES   := x86_64-w64-mingw32-windres
  BUILD     := build/win64
  EXE       := .exe
  OS_SRC    := src/os/os_win32.c src/os/os_walk.c
  OS_UI_SRC := src/os/os_fonts_win32.c
  FX_SRC    := tests/unit/fx_win32.c
  # __USE_MINGW_ANSI_STDIO: C99 printf (%zu, %lld) instead of msvcrt's; SOURCE_DATE_EPOCH and no PE time stamp
  # make the programs the same bytes on every build.
  WIN_INC   := -isystem $(WIN_PREFIX)/include -isystem $(WIN_PREFIX)/include/SDL2
  CORE_CFLAGS = $(WIN_INC) -D__USE_MINGW_ANSI_STDIO=1 -DBESEDA_PRINTF_FORMAT=gnu_printf -DWINVER=0x0601 \
                -D_WIN32_WINNT=0x0601
  CORE_LIBS   = -L$(WIN_PREFIX)/lib -lzip -ljansson -lcmark-gfm-extensions -lcmark-gfm -lsqlite3 -lgettextpo -lintl \
                -lunistring -lsodium -lshell32 -lole32 -luuid -lcomdlg32 -Wl,-Bstatic -lwinpthread -Wl,-Bdynamic
  UI_CFLAGS   = -DSDL_MAIN_HANDLED -isystem $(WIN_PREFIX)/include/freetype2 -isystem $(WIN_PREFIX)/include/harfbuzz
  UI_LIBS     = -L$(WIN_PREFIX)/lib -lSDL2_ttf -lSDL2_image -lSDL2 -lpng16 -lz -lhyphen -lm
  TEST_CFLAGS = -isystem $(WIN_PREFIX)/include
  TEST_LIBS   = -L$(WIN_PREFIX)/lib -lcmocka
  EXTRA_LDFLAGS += -static-libgcc -Wl,--no-insert-timestamp
  READER_LDFLAGS := -mwindows $(BUILD)/beseda-res.o
  PACK_LDFLAGS   := $(BUILD)/beseda-pack-res.o
endif

# fontconfig keeps pointers as offsets, which LeakSanitizer takes for leaks (see tests/lsan.supp).
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# The sanitizer build lives beside the normal one: `make SAN=1` or `make check` (which runs both).
ifeq ($(SAN),1)
  BUILD := build/asan
  OPT   := -O1 -g -fno-omit-frame-pointer
  EXTRA_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined
  EXTRA_LDFLAGS += -fsanitize=address,undefined
endif

# The libFuzzer build (clang): `make fuzz` runs each harness for FUZZ_SECONDS.
ifeq ($(FUZZ),1)
  CC    := clang
  BUILD := build/fuzz
  OPT   := -O1 -g -fno-omit-frame-pointer
  EXTRA_CFLAGS += -fsanitize=fuzzer-no-link,address,undefined
  EXTRA_LDFLAGS += -fsanitize=address,undefined
endif

# The OS layer (src/os): the POSIX file here, os_win32.c in the Windows build; os_walk.c on both.
OS_SRC    ?= src/os/os_posix.c src/os/os_walk.c
CORE_SRC  := $(sort $(wildcard src/core/*.c)) $(OS_SRC)
CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o)
TOOL_SRC  := $(sort $(wildcard src/tools/*.c))
TOOL_OBJ  := $(TOOL_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%$(EXE))
CORE_LIB  := $(BUILD)/libbeseda-core.a
PACK_TOOL := $(BUILD)/beseda-pack$(EXE)
# The reader's part of the OS layer: fallback fonts through fontconfig here, the Windows fonts folder there.
OS_UI_SRC ?= src/os/os_fonts_fc.c
UI_SRC    := $(sort $(wildcard src/layout/*.c src/ui/*.c src/platform/*.c)) $(OS_UI_SRC)
UI_OBJ    := $(UI_SRC:%.c=$(BUILD)/%.o)
UI_LIB    := $(BUILD)/libbeseda-ui.a
MAIN_OBJ  := $(BUILD)/src/main.o
READER    := $(BUILD)/beseda$(EXE)
# Unit tests of modules above the core link the reader's libraries too.
UI_TESTS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%$(EXE),$(wildcard tests/unit/test_layout*.c tests/unit/test_ui*.c))

# Fonts are copied from Debian's fonts-paratype (PT Serif, PT Sans, PT Mono: Latin and Cyrillic) with their
# licence, so the program finds them beside itself (portable) and never through an absolute path.
FONT_DIR   := /usr/share/fonts/truetype/paratype
FONT_FILES := PTF55F.ttf PTF56F.ttf PTF75F.ttf PTF76F.ttf PTS55F.ttf PTS75F.ttf PTM55F.ttf
# DejaVu Sans (Debian's fonts-dejavu-core) is the first fallback, before any font of the system's.
FONTS      := $(FONT_FILES:%=$(BUILD)/assets/fonts/%) $(BUILD)/assets/fonts/LICENSE-PT-fonts.txt \
              $(BUILD)/assets/fonts/DejaVuSans.ttf $(BUILD)/assets/fonts/LICENSE-DejaVu-fonts.txt
# Hyphenation dictionaries (libhyphen's TeX patterns) from Debian's hyphen-en-us, hyphen-ru and hyphen-nl, turned
# into UTF-8 (the Russian one is KOI8-R, the Dutch one ISO 8859-1) as assets/hyphen/hyph_<lang>.dic, with their
# licences: the program reads UTF-8 only and finds a language's dictionary by its name.
HYPH_SRC   := en:/usr/share/hyphen/hyph_en_US.dic ru:/usr/share/hyphen/hyph_ru_RU.dic nl:/usr/share/hyphen/hyph_nl_NL.dic
HYPH       := $(foreach h,$(HYPH_SRC),$(BUILD)/assets/hyphen/hyph_$(firstword $(subst :, ,$(h))).dic) \
              $(BUILD)/assets/hyphen/LICENSES.txt
ASSETS     := $(FONTS) $(HYPH)

.PHONY: pot all deps run check test unit hostile ui packs bench clean format format-check core-guard fuzz fuzz-bins hostile-packs
# Interface translations: po/<lang>.po -> <program folder>/locale/<lang>/LC_MESSAGES/beseda.mo (found relative
# to the program, so a portable copy carries them).
LINGUAS  := $(sort $(basename $(notdir $(wildcard po/*.po))))
MO_FILES := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/beseda.mo)

all: core-guard $(PACK_TOOL) $(READER) $(ASSETS) $(MO_FILES)

# The core must build and be tested with no display: it may not include SDL, and it is compiled without SDL's
# include paths, so a slip fails here first.
core-guard:
	@if grep -rnE '#[[:space:]]*include[[:space:]]*[<"](SDL|SDL2/)' src/core src/os; then \
	  echo "error: src/core must not include SDL (see docs/architecture.md)"; exit 1; fi

$(BUILD)/src/core/%.o: src/core/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/src/os/%.o: src/os/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -c $< -o $@
$(BUILD)/src/os/os_fonts_%.o: src/os/os_fonts_%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(UI_CFLAGS) -c $< -o $@

$(BUILD)/src/tools/%.o: src/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -c $< -o $@

define UI_RULE
$(BUILD)/src/$(1)/%.o: src/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS_ALL) $$(CORE_CFLAGS) $$(UI_CFLAGS) -Isrc -c $$< -o $$@
endef
$(foreach d,layout ui platform,$(eval $(call UI_RULE,$(d))))

$(MAIN_OBJ): src/main.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) $(UI_CFLAGS) -Isrc -c $< -o $@

$(UI_LIB): $(UI_OBJ)
	@rm -f $@
	rm -f $@ && ar rcs $@ $^

$(READER): $(MAIN_OBJ) $(UI_LIB) $(CORE_LIB) $(READER_LDFLAGS:-mwindows=)
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(MAIN_OBJ) $(UI_LIB) $(CORE_LIB) $(UI_LIBS) $(CORE_LIBS) $(READER_LDFLAGS)

$(BUILD)/assets/fonts/%.ttf: $(FONT_DIR)/%.ttf
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/assets/fonts/LICENSE-PT-fonts.txt: /usr/share/doc/fonts-paratype/copyright
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/assets/fonts/DejaVuSans.ttf: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
	@mkdir -p $(@D)
	cp $< $@
$(BUILD)/assets/fonts/LICENSE-DejaVu-fonts.txt: /usr/share/doc/fonts-dejavu-core/copyright
	@mkdir -p $(@D)
	cp $< $@
$(foreach h,$(HYPH_SRC),$(eval $(BUILD)/assets/hyphen/hyph_$(firstword $(subst :, ,$(h))).dic: $(lastword $(subst :, ,$(h))) packaging/hyphen-dict))
$(BUILD)/assets/hyphen/%.dic:
	@mkdir -p $(@D)
	packaging/hyphen-dict $< $@
$(BUILD)/assets/hyphen/LICENSES.txt: packaging/hyphen-dict /usr/share/doc/hyphen-en-us/copyright \
  /usr/share/doc/hyphen-ru/copyright /usr/share/doc/hyphen-nl/copyright
	@mkdir -p $(@D)
	packaging/hyphen-dict --licences $@

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	rm -f $@ && ar rcs $@ $^

$(PACK_TOOL): $(TOOL_OBJ) $(CORE_LIB) $(PACK_LDFLAGS)
	$(CC) $(EXTRA_LDFLAGS) -o $@ $(TOOL_OBJ) $(CORE_LIB) $(CORE_LIBS) $(PACK_LDFLAGS)

# What tests do that the two systems do differently (a guard page, a symbolic link, a killed process).
FX_SRC ?= tests/unit/fx_posix.c
FX_OBJ := $(BUILD)/tests/fx.o
$(FX_OBJ): $(FX_SRC) tests/unit/fx_os.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/tests/test_%$(EXE): tests/unit/test_%.c $(CORE_LIB) $(FX_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) $(TEST_CFLAGS) -Isrc -o $@ $< $(FX_OBJ) $(CORE_LIB) $(CORE_LIBS) $(TEST_LIBS) \
	  $(EXTRA_LDFLAGS)

$(UI_TESTS): $(BUILD)/tests/%$(EXE): tests/unit/%.c $(UI_LIB) $(CORE_LIB) $(FX_OBJ) $(ASSETS) $(MO_FILES)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) $(UI_CFLAGS) $(TEST_CFLAGS) -Isrc -o $@ $< $(FX_OBJ) $(UI_LIB) $(CORE_LIB) \
	  $(UI_LIBS) $(CORE_LIBS) $(TEST_LIBS) $(EXTRA_LDFLAGS)

FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/%)
# Harnesses above the core link the reader's libraries and find the fonts beside them.
$(BUILD)/fuzz_layout $(BUILD)/fuzz_text: $(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(UI_LIB) $(CORE_LIB) $(ASSETS)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) $(UI_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< $(UI_LIB) $(CORE_LIB) \
	  $(UI_LIBS) $(CORE_LIBS) $(EXTRA_LDFLAGS)
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_LIB)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< $(CORE_LIB) $(CORE_LIBS) $(EXTRA_LDFLAGS)

-include $(CORE_OBJ:.o=.d) $(TOOL_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d)

$(BUILD)/locale/%/LC_MESSAGES/beseda.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Refreshes po/beseda.pot from the sources in po/POTFILES and merges it into every po/<lang>.po.
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	  --add-comments=TRANSLATORS: --package-name=Beseda --msgid-bugs-address= --sort-by-file \
	  --files-from=po/POTFILES -o po/beseda.pot
	@sed -i "s/charset=CHARSET/charset=UTF-8/" po/beseda.pot
	@for po in po/*.po; do msgmerge --quiet --update --backup=none $$po po/beseda.pot || exit 1; done
	@for po in po/*.po; do printf '%s: ' $$po; msgfmt --statistics -o /dev/null $$po; done

# ---- set-up -------------------------------------------------------------------------------------------------
deps:
	@packaging/install-deps

# Calls `make deps` only when something is missing, so a set-up machine never runs apt.
DEPS_OK = $(shell packaging/install-deps --check >/dev/null 2>&1 && echo yes)
ensure-deps:
	@$(if $(DEPS_OK),true,packaging/install-deps)
.PHONY: ensure-deps

# ---- sample packs ---------------------------------------------------------------------------------------------
PACK_SRCS := $(patsubst lessons/%/pack.json,%,$(wildcard lessons/*/pack.json))
# Locale packs: lessons/<pack>.<lang>/<lang>.po (and an optional adapt/ folder) -> build/packs/<pack>.<lang>.beseda
LOCALE_SRCS := $(patsubst lessons/%/,%,$(dir $(wildcard lessons/*.*/*.po)))
PACKS     := $(PACK_SRCS:%=build/packs/%.beseda) $(LOCALE_SRCS:%=build/packs/%.beseda)
COURSES   := $(patsubst lessons/%,build/packs/%,$(wildcard lessons/*.course.json))
packs: $(PACKS) build/packs/signed.stamp build/packs/editors.pub $(COURSES)

# Course overviews (docs/pack-format.md section 13) go beside the packs as they are.
build/packs/%.course.json: lessons/%.course.json
	@mkdir -p build/packs
	cp $< $@

# Every bundled pack is signed (docs/pack-format.md section 8), and the editors' public key goes beside them, where
# the reader finds the keys that come with it. SIGN_KEY is the editors' secret key (its passphrase is asked for
# once) and SIGN_PUB its public key; without them a throw-away key is made once in build/keys, so that a build and
# its tests sign and check as a release does, with a key that signs nothing else. The signatures' time is the last
# commit's, so a rebuild signs the same bytes.
SIGN_KEY   ?= build/keys/editors.key
SIGN_PUB   ?= $(basename $(SIGN_KEY)).pub
SIGN_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)
build/keys/editors.key: | $(PACK_TOOL)
	@mkdir -p build/keys
	$(PACK_TOOL) keygen --no-password -f -p build/keys/editors.pub -s $@ 2>/dev/null
build/packs/editors.pub: $(SIGN_KEY)
	@mkdir -p build/packs
	cp $(SIGN_PUB) $@
build/packs/signed.stamp: $(PACKS) $(SIGN_KEY)
	SOURCE_DATE_EPOCH=$(SIGN_EPOCH) $(PACK_TOOL) sign -s $(SIGN_KEY) $(PACKS)
	@touch $@

# The adaptation is staged as the packs are: its drawings (adapt/images/*.svg, labels in the locale's language)
# become PNGs.
define LOCALE_RULE
build/packs/$(1).beseda: build/packs/$(basename $(1)).beseda $$(shell find lessons/$(1) -type f)
	@rm -rf build/stage/$(1) && mkdir -p build/stage
	$$(if $$(wildcard lessons/$(1)/adapt),cp -r lessons/$(1)/adapt build/stage/$(1))
	@for svg in $$$$(find build/stage/$(1) -name '*.svg' 2>/dev/null); do \
	  packaging/svg-to-png "$$$$svg" "$$$${svg%.svg}.png" && rm "$$$$svg" || exit 1; done
	$$(PACK_TOOL) locale build/packs/$(basename $(1)).beseda --lang $(patsubst .%,%,$(suffix $(1))) \
	  --po lessons/$(1)/$(patsubst .%,%,$(suffix $(1))).po \
	  $$(if $$(wildcard lessons/$(1)/adapt),--adapt build/stage/$(1)) -o $$@
endef
$(foreach l,$(LOCALE_SRCS),$(eval $(call LOCALE_RULE,$(l))))

# SVG drawings are converted to PNG in a staging copy (at 2x, marked so: packaging/svg-to-png); the source folder
# keeps only the SVGs.
build/packs/%.beseda: $(PACK_TOOL) packaging/svg-to-png $$(shell find lessons/% -type f)
	@rm -rf build/stage/$* && mkdir -p build/stage build/packs
	cp -r lessons/$* build/stage/$*
	@for svg in $$(find build/stage/$* -name '*.svg'); do \
	  packaging/svg-to-png "$$svg" "$${svg%.svg}.png" && rm "$$svg" || exit 1; done
	$(PACK_TOOL) build build/stage/$* -o $@

run: ensure-deps
	@$(MAKE) --no-print-directory all packs
	$(READER)

# ---- tests ----------------------------------------------------------------------------------------------------
# Each runner ends with "NAME: N passed, M failed"; make check adds them up in build/summary.txt.
unit: $(UNIT_BIN)
	@tests/run-unit $(BUILD) | tee -a build/summary.txt

hostile: $(PACK_TOOL)
	@tests/hostile/run-hostile $(BUILD) | tee -a build/summary.txt

ui: all packs
	@tests/ui/run-ui $(BUILD) | tee -a build/summary.txt

test: all packs unit hostile ui
	@tests/tools/run-tool-tests $(BUILD) | tee -a build/summary.txt
	@tests/tools/check-ui-layers $(BUILD) | tee -a build/summary.txt

# Everything, then the unit and hostile tests again under AddressSanitizer and UBSan, then a short fuzz run.
check: ensure-deps
	@mkdir -p build && rm -f build/summary.txt
	@$(MAKE) --no-print-directory format-check test
	@$(MAKE) --no-print-directory SAN=1 unit hostile ui
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=5
	@awk '/: [0-9]+ passed, [0-9]+ failed$$/ { p += $$(NF-3); f += $$(NF-1) } \
	  END { printf "check: %d passed, %d failed\n", p, f; exit f > 0 }' build/summary.txt

$(BUILD)/bench_pack: bench/bench_pack.c $(CORE_LIB)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -o $@ $< $(CORE_LIB) $(CORE_LIBS) $(EXTRA_LDFLAGS)

FUZZ_SECONDS ?= 60
fuzz: ensure-deps
	@$(MAKE) --no-print-directory all packs hostile-packs
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-bins
	@tests/fuzz/run-fuzz build/fuzz $(FUZZ_SECONDS) | tee -a build/summary.txt
fuzz-bins: $(FUZZ_BIN)
hostile-packs:
	@[ -f build/hostile/expected.tsv ] || tests/hostile/gen-hostile build/hostile >/dev/null

$(BUILD)/bench_progress: bench/bench_progress.c $(CORE_LIB)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) -Isrc -o $@ $< $(CORE_LIB) $(CORE_LIBS) $(EXTRA_LDFLAGS)

$(BUILD)/bench_reader: bench/bench_reader.c $(UI_LIB) $(CORE_LIB)
	$(CC) $(CFLAGS_ALL) $(CORE_CFLAGS) $(UI_CFLAGS) -Isrc -o $@ $< $(UI_LIB) $(CORE_LIB) $(UI_LIBS) $(CORE_LIBS) \
	  $(EXTRA_LDFLAGS)

# The comparison programs (mupdf-tools, chromium, cmark, time) are installed only for the benchmark.
bench: ensure-deps
	@packaging/install-deps --bench --check >/dev/null 2>&1 || packaging/install-deps --bench
	@$(MAKE) --no-print-directory all packs $(BUILD)/bench_pack $(BUILD)/bench_reader $(BUILD)/bench_progress
	bench/run-bench $(BUILD)
	bench/run-reader-bench $(BUILD)
	bench/run-window-bench $(BUILD) $(wildcard build/dist/beseda-$(VERSION)-linux-x86_64)
	@mkdir -p build/bench && echo "progress store (build/bench, this disk):" && $(BUILD)/bench_progress build/bench

# The README's pictures, made by the reader itself without a display.
SHOT = $(READER) --data build/shotdata --screenshot
screenshots: all packs
	@mkdir -p docs/images
	$(SHOT) docs/images/library.png --size 1100x640
	$(SHOT) docs/images/reading.png --open build/packs/basics.beseda --item what-intro --size 1100x640
	$(SHOT) docs/images/reading-dark.png --open build/packs/basics.beseda --item everyday-intro --size 1100x640 \
	  --theme dark
	$(SHOT) docs/images/zoom-300.png --open build/packs/basics.beseda --item what-history --size 1100x640 \
	  --zoom 300 --theme contrast
	rm -rf build/shotdata-ex && PACK=build/packs/basics.beseda OUT=docs/images \
	  $(READER) --data build/shotdata-ex --replay tests/ui/docs-shots.replay
	rm -rf build/shotdata-lecture && PACK=build/packs/basics.beseda OUT=docs/images \
	  $(READER) --data build/shotdata-lecture --replay tests/ui/docs-lecture.replay
	@for f in docs/images/*.png; do convert "$$f" -define png:compression-level=9 "$$f"; done
.PHONY: screenshots

# ---- Windows ---------------------------------------------------------------------------------------------------
# `make windows`: the portable Windows folder as build/dist/beseda-<version>-windows-x64.zip, cross-built on Debian
# (packaging/windows/: the libraries from Debian's source packages, cached outside the clone by their pins).
# `make check-windows`: that build's tests under Wine (tests/windows/run-windows).
VERSION   := $(shell sed -n 's/^\#define BESEDA_VERSION "\(.*\)"/\1/p' src/core/version.h)
WIN_ZIP   := build/dist/beseda-$(VERSION)-windows-x64.zip
# The test that kills and starves processes (fork, kill, setrlimit) has no Windows form; run-windows says so.
WIN_UNIT_SKIP := test_progress_crash
export WIN_UNIT_SKIP
VERSION_PARTS = $(subst ., ,$(firstword $(subst -, ,$(subst +, ,$(VERSION)))))
RC_FLAGS = -DBESEDA_VERSION_MAJOR=$(word 1,$(VERSION_PARTS)) -DBESEDA_VERSION_MINOR=$(word 2,$(VERSION_PARTS)) \
           -DBESEDA_VERSION_PATCH=$(word 3,$(VERSION_PARTS)) -DBESEDA_VERSION=$(VERSION) -I $(BUILD)
windows: ensure-deps
	@packaging/install-deps --windows
	@$(MAKE) --no-print-directory all packs
	@prefix=$$(packaging/windows/build-deps | tail -1) && [ -d "$$prefix" ] && \
	  $(MAKE) --no-print-directory WIN=1 WIN_PREFIX="$$prefix" win-dist
check-windows: windows
	@$(MAKE) --no-print-directory hostile-packs
	@prefix=$$(packaging/windows/build-deps | tail -1) && \
	  $(MAKE) --no-print-directory WIN=1 WIN_PREFIX="$$prefix" win-unit && \
	  tests/windows/run-windows build/win64 build $(WIN_ZIP) "$$prefix/bin"
.PHONY: windows check-windows win-dist win-unit

ifeq ($(WIN),1)
$(BUILD)/beseda.ico: packaging/windows/make-icon packaging/windows/beseda-icon.svg
	@mkdir -p $(@D)
	packaging/windows/make-icon $@
$(BUILD)/beseda-res.o: packaging/windows/beseda.rc packaging/windows/beseda.manifest $(BUILD)/beseda.ico
	$(WINDRES) $(RC_FLAGS) -i $< -o $@
$(BUILD)/beseda-pack-res.o: packaging/windows/beseda.rc packaging/windows/beseda.manifest
	@mkdir -p $(@D)
	$(WINDRES) $(RC_FLAGS) -DBESEDA_PACK -i $< -o $@
win-dist: core-guard $(PACK_TOOL) $(READER) $(ASSETS) $(MO_FILES)
	@mkdir -p $(dir $(WIN_ZIP))
	packaging/windows/make-dist $(BUILD) $(WIN_PREFIX) $(VERSION) $(WIN_ZIP) build/packs
win-unit: $(filter-out $(WIN_UNIT_SKIP:%=$(BUILD)/tests/%$(EXE)),$(UNIT_BIN))
endif

# ---- Linux: installing, the .deb ---------------------------------------------------------------------------------
# `make install [PREFIX=/usr/local] [DESTDIR=...]`: the programs in PREFIX/bin; fonts and the bundled packs in
# PREFIX/share/beseda (found from the program's own place, src/core/userdir.c); translations in PREFIX/share/locale;
# the desktop entry, file type, icons, AppStream metainfo and man pages where desktops look for them.
# FONT_LINKS=1 links the fonts to Debian's fonts-paratype and fonts-dejavu-core instead of copying them (the .deb).
PREFIX  ?= /usr/local
APP_ID  := org.beseda.Beseda
LINUX   := packaging/linux
install: all packs
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/beseda/assets/fonts $(DESTDIR)$(PREFIX)/share/beseda/packs
	install -m 755 $(READER) $(PACK_TOOL) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 build/packs/*.beseda build/packs/*.beseda.minisig build/packs/*.pub $(COURSES) \
	  $(DESTDIR)$(PREFIX)/share/beseda/packs/
	$(if $(FONT_LINKS),for f in $(FONT_FILES); do ln -sf $(FONT_DIR)/$$f $(DESTDIR)$(PREFIX)/share/beseda/assets/fonts/$$f; done; \
	  ln -sf /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf $(DESTDIR)$(PREFIX)/share/beseda/assets/fonts/DejaVuSans.ttf,\
	  install -m 644 $(FONTS) $(DESTDIR)$(PREFIX)/share/beseda/assets/fonts/)
	install -d $(DESTDIR)$(PREFIX)/share/beseda/assets/hyphen
	install -m 644 $(HYPH) $(DESTDIR)$(PREFIX)/share/beseda/assets/hyphen/
	for mo in $(MO_FILES); do lang=$$(basename $$(dirname $$(dirname $$mo))); \
	  install -D -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/beseda.mo; done
	install -D -m 644 $(LINUX)/$(APP_ID).desktop $(DESTDIR)$(PREFIX)/share/applications/$(APP_ID).desktop
	install -D -m 644 $(LINUX)/$(APP_ID).xml $(DESTDIR)$(PREFIX)/share/mime/packages/$(APP_ID).xml
	install -D -m 644 $(LINUX)/$(APP_ID).metainfo.xml $(DESTDIR)$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml
	$(LINUX)/make-icons $(DESTDIR)$(PREFIX)/share/icons
	install -D -m 644 $(LINUX)/man/beseda.1 $(DESTDIR)$(PREFIX)/share/man/man1/beseda.1
	install -D -m 644 $(LINUX)/man/beseda-pack.1 $(DESTDIR)$(PREFIX)/share/man/man1/beseda-pack.1
	install -D -m 644 $(LINUX)/man/ru/beseda.1 $(DESTDIR)$(PREFIX)/share/man/ru/man1/beseda.1
	install -D -m 644 $(LINUX)/man/ru/beseda-pack.1 $(DESTDIR)$(PREFIX)/share/man/ru/man1/beseda-pack.1

# `make deb`: build/dist/beseda_<version>_amd64.deb, built by dpkg-buildpackage and debhelper from a copy of this
# tree with packaging/linux/debian as its debian/ folder; lintian reads the result.
DEB := build/dist/beseda_$(VERSION)_amd64.deb
deb: ensure-deps
	@packaging/install-deps --deb
	$(LINUX)/make-deb $(VERSION) $(DEB)
# `make portable-linux`: the portable Linux folder as build/dist/beseda-<version>-linux-x86_64.tar.gz: the programs
# with every library they need in lib/ (all but glibc, libstdc++, GL, X11/xcb and Wayland), SDL2 being the lean one
# of packaging/linux/build-sdl; reproducible (SOURCE_DATE_EPOCH or the last commit).
PORTABLE_TGZ := build/dist/beseda-$(VERSION)-linux-x86_64.tar.gz
portable-linux: ensure-deps
	@packaging/install-deps --portable
	@$(MAKE) --no-print-directory all packs
	@sdl=$$(packaging/linux/build-sdl | tail -1) && [ -d "$$sdl" ] && \
	  $(LINUX)/make-portable $(BUILD) "$$sdl" $(VERSION) $(PORTABLE_TGZ) build/packs
.PHONY: install deb portable-linux

# `make check-dist` (as root; .ci/run calls it): the desktop files' validators, then the .deb installed and the
# portable folder unpacked in fresh minimal Debian 12 chroots, each checked (packaging/linux/test-dist; the
# debootstrapped base is cached, a second run takes about 40 s).
check-dist: deb portable-linux
	@packaging/install-deps --dist
	$(LINUX)/check $(BUILD)
	$(LINUX)/test-dist $(DEB) $(PORTABLE_TGZ)
.PHONY: check-dist

C_FILES = $(wildcard src/*.c src/*/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch] bench/*.c)
format:
	clang-format -i $(C_FILES)

# One style, enforced: fails when a file differs from what `make format` would write.
format-check:
	clang-format --dry-run --Werror $(C_FILES)

clean:
	rm -rf build
