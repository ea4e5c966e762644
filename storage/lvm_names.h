/* lvm_names.h - how lvm names things: ids as it prints them, the names
 * it accepts for VGs and LVs, and the device-mapper name and uuid it
 * gives an LV's device (so that lvm, udev rules and tools see the device
 * the capture kernel makes as theirs). */
#ifndef KD_LVM_NAMES_H
#define KD_LVM_NAMES_H

#include <stddef.h>

/* 1 when c may appear in an lvm id (lib/id/id.c's alphabet). */
int kd_lvm_id_char(int c);

/* "9p7QUzXqxq..." (32 characters) as lvm prints it, in groups of 6, 4,
 * 4, 4, 4, 4 and 6 joined by dashes (size >= 39). */
void kd_lvm_id_format(const char *id, char *out, size_t size);

/* An id with or without dashes into its 32 characters (size > 32): 0,
 * or -1 when text is not an id. */
int kd_lvm_id_parse(const char *text, char *out, size_t size);

/* 1 when name is a VG or LV name lvm accepts: letters, digits, "+_.-",
 * not starting with '-', not "." or "..", at most 127 characters (so it
 * is safe as a path component). */
int kd_lvm_name_ok(const char *name);

/* The device-mapper name of LV lv in VG vg: "<vg>-<lv>" with each '-'
 * inside either name doubled (libdm's dm_build_dm_name).  0, or -1 when
 * it is longer than a device-mapper name may be. */
int kd_lvm_dm_name(const char *vg, const char *lv, char *out, size_t size);

/* The device-mapper uuid lvm gives an LV: "LVM-" then the VG's and the
 * LV's ids without dashes (ids of 32 characters). */
void kd_lvm_dm_uuid(const char *vg_id, const char *lv_id, char *out, size_t size);

#endif
