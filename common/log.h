/* log.h - console and stderr messages, all prefixed "kdump: ".
 *
 * kd_info/kd_warn/kd_err print one line each; kd_debug only when the level
 * allows it.  Configuration errors use the compiler convention instead:
 * "FILE:LINE: reason" (see diag.h). */
#ifndef KD_LOG_H
#define KD_LOG_H

enum kd_level { KD_LOG_ERR, KD_LOG_WARN, KD_LOG_INFO, KD_LOG_DEBUG };

void kd_log_set_level(enum kd_level level);
void kd_log(enum kd_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define kd_err(...)   kd_log(KD_LOG_ERR, __VA_ARGS__)
#define kd_warn(...)  kd_log(KD_LOG_WARN, __VA_ARGS__)
#define kd_info(...)  kd_log(KD_LOG_INFO, __VA_ARGS__)
#define kd_debug(...) kd_log(KD_LOG_DEBUG, __VA_ARGS__)

#endif
