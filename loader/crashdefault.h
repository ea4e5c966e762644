/* crashdefault.h - the crashkernel= value recommended for this
 * architecture (kdumpctl get-default-crashkernel, reset-crashkernel). */
#ifndef KD_CRASHDEFAULT_H
#define KD_CRASHDEFAULT_H

/* A range list that fits any amount of RAM; NULL when this architecture
 * has no default. */
const char *kd_default_crashkernel(void);

/* 0 when value is a crashkernel= value that may be written into boot
 * loader configuration: it parses (crashkernel.c) and holds only
 * digits, letters and , : - @ (nothing a shell would interpret).
 * Otherwise -1 with the reason in why. */
int kd_crashkernel_writable(const char *value, char *why, size_t size);

#endif
