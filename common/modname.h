/* modname.h - a kernel module's name, as the kernel compares it: from its
 * file's path, '-' and '_' alike. */
#ifndef KD_MODNAME_H
#define KD_MODNAME_H

#include <stddef.h>

/* The name of the module at path[0..len) ("kernel/fs/ext4/ext4.ko.xz",
 * or a bare "crc32c-generic"): the file name up to its first '.', with
 * '-' made '_', truncated to size - 1 bytes. */
void kd_module_name(const char *path, size_t len, char *out, size_t size);

/* 1 when the n bytes at s name module `name` ('-' and '_' alike). */
int kd_module_name_is(const char *name, const char *s, size_t n);

#endif
