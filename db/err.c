/* err.c - the per-thread last error message; see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last[1024];

int cb_err(int code, const char *fmt, ...)
{
	/* Formatted apart first: a message may quote the last one. */
	char tmp[sizeof last];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	memcpy(last, tmp, sizeof last);
	return code;
}

const char *cb_err_msg(void)
{
	return last[0] ? last : "unknown error";
}

void cb_err_clear(void)
{
	last[0] = '\0';
}
