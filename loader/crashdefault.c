/* crashdefault.c - the default crashkernel= value.
 *
 * kdump-utils (kdump_get_arch_recommend_crashkernel() in kdump-lib.sh)
 * uses "2G-64G:256M,64G-:512M" on x86_64 since fe18f93 (2025-03,
 * rhkdump/kdump-utils#74: RHEL 10's NFS dumps needed 238M after the move
 * to erofs); before that "1G-4G:192M,4G-64G:256M,64G-:512M" (34d27c4,
 * 2021-11), and until then "1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M".
 * Its capture environment is a dracut initramfs with systemd and udev.
 * Debian's kdump-tools uses "512M-:192M".
 *
 * Ours is smaller: kdump-init is PID 1, with no systemd, udev or shell, and
 * a 96M reservation was measured to be enough on a 2 GiB x86_64 guest
 * (scripts/measure-capture.sh; 88M since the image is gzip-compressed and
 * carries BusyBox only when needed, b568132).  What grows with the machine
 * is the collector's two page bitmaps (2 bits per 4 KiB page: 4 MiB for
 * 64 GiB, 64 MiB for 1 TiB, 256 MiB for 4 TiB) and the drivers of larger
 * machines (storage and network adapters with big firmware or queues).
 * So:
 *
 *	1G-4G:160M	1.6 times the measured 96M, room for a distribution
 *			kernel larger than the measured one and for network
 *			targets (more modules, busybox in the image);
 *	4G-64G:192M	twice the measurement: bitmaps up to 4 MiB and the
 *			drivers of a server;
 *	64G-1T:256M	bitmaps up to 64 MiB on top of that;
 *	1T-:512M	bitmaps of 256 MiB at 4 TiB.
 *
 * That is kdump-utils' pre-2021 table, and below its current one.  Under
 * 1 GiB nothing is reserved: 160M would be a sixth of the machine.  Every
 * size is a multiple of 16M, the reservation's alignment on x86.
 * `kdumpctl estimate` computes what this machine needs. */
#include <stdio.h>
#include <string.h>
#include "crashdefault.h"
#include "crashkernel.h"

#if defined(__x86_64__)
#define DEFAULT_CRASHKERNEL "1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M"
#else
#define DEFAULT_CRASHKERNEL NULL
#endif

const char *kd_default_crashkernel(void)
{
	return DEFAULT_CRASHKERNEL;
}

int kd_crashkernel_writable(const char *value, char *why, size_t size)
{
	static const char ok[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ,:-@";
	struct kd_crashkernel ck;

	if (!value[0] || value[strspn(value, ok)]) {
		snprintf(why, size, "\"%s\": only digits, letters and , : - @ "
			 "are allowed", value);
		return -1;
	}
	return kd_crashkernel_parse(value, &ck, why, size);
}
