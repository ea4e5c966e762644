/* unit.h - a minimal unit test harness.
 *
 * TEST(name) { CHECK(cond); CHECK_STR(a, b); ... }
 * int main(void) { RUN(name); ...; return unit_done(); }
 *
 * Each test prints "PASS suite:name" or "FAIL suite:name" (after the failed
 * checks, each "  file:line: what"); tests/report.sh counts those lines.
 * Standard output is line-buffered from before main(), so that every line
 * printed reaches the log even when the program then crashes
 * (tests/unit/run.sh adds the FAIL line for the crash). */
#ifndef KD_UNIT_H
#define KD_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_checks, unit_tests_failed;

/* stdbuf cannot reach into a static binary: set it here, before any
 * output. */
__attribute__((constructor)) static void unit_line_buffered(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

#define TEST(name) static void name(void)

#define CHECK(cond) do { \
	if (!(cond)) { \
		unit_failed_checks++; \
		printf("  %s:%d: CHECK(%s)\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *ua_ = (a), *ub_ = (b); \
	if (!ua_ || !ub_ || strcmp(ua_, ub_)) { \
		unit_failed_checks++; \
		printf("  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
		       ua_ ? ua_ : "(null)", ub_ ? ub_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long ua_ = (long long)(a), ub_ = (long long)(b); \
	if (ua_ != ub_) { \
		unit_failed_checks++; \
		printf("  %s:%d: %s == %lld, expected %lld\n", __FILE__, \
		       __LINE__, #a, ua_, ub_); \
	} \
} while (0)

#ifndef UNIT_SUITE
#define UNIT_SUITE "unit"
#endif

#define RUN(name) do { \
	int before_ = unit_failed_checks; \
	name(); \
	if (unit_failed_checks != before_) \
		unit_tests_failed++; \
	printf("%s %s:%s\n", unit_failed_checks != before_ ? "FAIL" : "PASS", \
	       UNIT_SUITE, #name); \
} while (0)

static inline int unit_done(void)
{
	fflush(stdout);
	return unit_tests_failed ? 1 : 0;
}

#endif
