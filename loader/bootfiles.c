/* bootfiles.c - find the kernel and the capture initramfs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "bootfiles.h"
#include "kparam.h"

static int exists(const char *path)
{
	return access(path, R_OK) == 0;
}

static const char *or_default(const char *value, const char *dflt)
{
	return value && value[0] ? value : dflt;
}

int kd_bootfiles_version(struct kd_bootfiles *bf,
			 const struct kdump_sysconfig *sc, struct kd_error *e)
{
	struct utsname u;

	if (sc->kernelver && sc->kernelver[0]) {
		snprintf(bf->kver, sizeof bf->kver, "%s", sc->kernelver);
		return 0;
	}
	if (uname(&u))
		return kd_fail(e, errno, "uname: %s", strerror(errno));
	snprintf(bf->kver, sizeof bf->kver, "%s", u.release);
	return 0;
}

/* BOOT_IMAGE=(hd0,gpt2)/vmlinuz-6.1.0 -> "/vmlinuz-6.1.0" */
static const char *boot_image_path(const char *cmdline, char *buf, size_t size)
{
	char *p;

	if (kd_kparam_get(cmdline, "BOOT_IMAGE", buf, size))
		return NULL;
	p = buf[0] == '(' ? strchr(buf, ')') : NULL;
	return p ? p + 1 : buf;
}

/* ".../modules/<kver>/vmlinuz": where kernel-install puts the image. */
static int is_module_image(const char *path, const char *kver)
{
	char tail[300];
	size_t n = (size_t)snprintf(tail, sizeof tail, "/modules/%s/vmlinuz", kver);

	return path[0] == '/' && n < sizeof tail && strlen(path) >= n &&
	       !strcmp(path + strlen(path) - n, tail);
}

/* Try one directory; 0 when bf->kernel now names an existing file. */
static int try_dir(struct kd_bootfiles *bf, const char *dir, const char *name)
{
	snprintf(bf->kernel, sizeof bf->kernel, "%s%s%s", dir,
		 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return exists(bf->kernel) ? 0 : -1;
}

int kd_bootfiles_kernel(struct kd_bootfiles *bf, const struct kdump_sysconfig *sc,
			const char *proc_cmdline, struct kd_error *e)
{
	static const char *const dirs[] = { "/boot", "/boot/efi", "/efi", "/" };
	static const char *const module_dirs[] = { "/usr/lib/modules", "/lib/modules" };
	char name[512], image[1024], dir[1100], tried[2048] = "";
	const char *boot_image;
	size_t i;

	if (kd_bootfiles_version(bf, sc, e))
		return -1;
	snprintf(name, sizeof name, "%s-%s%s", or_default(sc->img, "vmlinuz"),
		 bf->kver, or_default(sc->img_ext, ""));
	if (sc->bootdir && sc->bootdir[0]) {
		if (try_dir(bf, sc->bootdir, name) == 0)
			return 0;
		return kd_fail(e, ENOENT, "kernel %s not found (KDUMP_BOOTDIR=%s): "
			       "fix KDUMP_BOOTDIR/KDUMP_KERNELVER or pass --kernel",
			       bf->kernel, sc->bootdir);
	}
	boot_image = boot_image_path(proc_cmdline, image, sizeof image);
	if (boot_image && strrchr(boot_image, '/') &&
	    !strcmp(strrchr(boot_image, '/') + 1, name)) {
		snprintf(dir, sizeof dir, "/boot%.*s",
			 (int)(strrchr(boot_image, '/') - boot_image), boot_image);
		if (try_dir(bf, dir, name) == 0)
			return 0;
	}
	/* the kernel-install layout (Fedora, RHEL, Debian 13's newer
	 * kernels): BOOT_IMAGE=/usr/lib/modules/<version>/vmlinuz */
	if (boot_image && is_module_image(boot_image, bf->kver) && exists(boot_image)) {
		snprintf(bf->kernel, sizeof bf->kernel, "%s", boot_image);
		return 0;
	}
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (try_dir(bf, dirs[i], name) == 0)
			return 0;
		snprintf(tried + strlen(tried), sizeof tried - strlen(tried),
			 "%s%s", i ? ", " : "", bf->kernel);
	}
	for (i = 0; i < sizeof module_dirs / sizeof module_dirs[0]; i++) {
		snprintf(dir, sizeof dir, "%s/%s", module_dirs[i], bf->kver);
		if (try_dir(bf, dir, "vmlinuz") == 0)
			return 0;
		snprintf(tried + strlen(tried), sizeof tried - strlen(tried),
			 ", %s", bf->kernel);
	}
	return kd_fail(e, ENOENT, "no kernel found (tried %s): set KDUMP_BOOTDIR "
		       "or KDUMP_KERNELVER in the sysconfig file or pass --kernel",
		       tried);
}

int kd_bootfiles_find(struct kd_bootfiles *bf, const struct kdump_sysconfig *sc,
		      const char *proc_cmdline, const char *kernel,
		      const char *initrd, struct kd_error *e)
{
	memset(bf, 0, sizeof *bf);
	if (kernel) {
		snprintf(bf->kernel, sizeof bf->kernel, "%s", kernel);
		if (!exists(bf->kernel))
			return kd_fail(e, errno, "kernel %s: %s", bf->kernel,
				       strerror(errno));
	} else if (kd_bootfiles_kernel(bf, sc, proc_cmdline, e)) {
		return -1;
	}
	if (initrd)
		snprintf(bf->initrd, sizeof bf->initrd, "%s", initrd);
	else if (sc->initrd && sc->initrd[0])
		snprintf(bf->initrd, sizeof bf->initrd, "%s", sc->initrd);
	else if (kd_bootfiles_version(bf, sc, e) == 0)
		snprintf(bf->initrd, sizeof bf->initrd, "%s/initramfs-%s.img",
			 KDUMP_IMAGE_DIR, bf->kver);
	else
		return -1;
	if (!exists(bf->initrd))
		return kd_fail(e, errno, "capture initramfs %s: %s (build it with "
			       "kdumpctl rebuild, or pass --initrd)", bf->initrd,
			       strerror(errno));
	return 0;
}
