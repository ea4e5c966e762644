/* lvm_names.c - lvm ids, VG and LV names, device-mapper names. */
#include <stdio.h>
#include <string.h>
#include <linux/dm-ioctl.h>
#include "lvm_label.h"
#include "lvm_names.h"

int kd_lvm_id_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '!' || c == '#';
}

void kd_lvm_id_format(const char *id, char *out, size_t size)
{
	snprintf(out, size, "%.6s-%.4s-%.4s-%.4s-%.4s-%.4s-%.6s", id, id + 6,
		 id + 10, id + 14, id + 18, id + 22, id + 26);
}

int kd_lvm_id_parse(const char *text, char *out, size_t size)
{
	size_t n = 0;

	if (size <= KD_LVM_ID_LEN)
		return -1;
	for (; *text; text++) {
		if (*text == '-')
			continue;	/* lvm reads dashes anywhere */
		if (!kd_lvm_id_char((unsigned char)*text) || n == KD_LVM_ID_LEN)
			return -1;
		out[n++] = *text;
	}
	out[n] = '\0';
	return n == KD_LVM_ID_LEN ? 0 : -1;
}

int kd_lvm_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (!n || n > 127 || name[0] == '-' || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789+_.-") == n;
}

/* Append s with its dashes doubled at *at; 0, or -1 when out is full. */
static int quote_dashes(const char *s, char *out, size_t size, size_t *at)
{
	for (; *s; s++) {
		if (*at + (*s == '-') + 2 > size)
			return -1;
		if (*s == '-')
			out[(*at)++] = '-';
		out[(*at)++] = *s;
	}
	return 0;
}

int kd_lvm_dm_name(const char *vg, const char *lv, char *out, size_t size)
{
	size_t at = 0;

	if (size > DM_NAME_LEN)
		size = DM_NAME_LEN;
	if (!size || quote_dashes(vg, out, size, &at) || at + 2 > size)
		return -1;
	out[at++] = '-';
	if (quote_dashes(lv, out, size, &at))
		return -1;
	out[at] = '\0';
	return 0;
}

void kd_lvm_dm_uuid(const char *vg_id, const char *lv_id, char *out, size_t size)
{
	snprintf(out, size, "LVM-%.32s%.32s", vg_id, lv_id);
}
