/* grub.c - crashkernel= through grubby, or a GRUB drop-in and update-grub. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "grub.h"
#include "log.h"
#include "readfile.h"
#include "command.h"
#include "program.h"
#include "writefile.h"

/* The environment's program: unset means `fallback` in PATH (NULL: none),
 * "" none, anything else that. */
static void program(const char *var, const char *fallback, char *out,
		    size_t size)
{
	const char *v = getenv(var);

	out[0] = '\0';
	if (v)
		snprintf(out, size, "%s", v);
	else if (fallback)
		kd_find_program(fallback, out, size);
}

void kd_grub_from_env(struct kd_grub *g)
{
	const char *dir = getenv("KDUMP_GRUB_DIR");

	memset(g, 0, sizeof *g);
	g->dir_given = dir && *dir;
	snprintf(g->dir, sizeof g->dir, "%s", g->dir_given ? dir : KD_GRUB_DIR);
	program("KDUMP_GRUBBY", g->dir_given ? NULL : "grubby", g->grubby,
		sizeof g->grubby);
	program("KDUMP_UPDATE_GRUB", g->dir_given ? NULL : "update-grub",
		g->update, sizeof g->update);
}

int kd_grub_dropin_text(const char *value, char *out, size_t size)
{
	int n = snprintf(out, size,
		"# Written by `kdumpctl reset-crashkernel`: the memory the kernel\n"
		"# reserves for the crash kernel.  grub-mkconfig (update-grub) reads\n"
		"# this file after /etc/default/grub, and the kernel uses the last\n"
		"# crashkernel= it is given.  Delete it and run update-grub to undo.\n"
		"GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT crashkernel=%s\"\n",
		value);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* 1 when the word `word` is on the line (words end at blanks or quotes). */
static int has_word(const char *line, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = strstr(line, word); p; p = strstr(p + 1, word))
		if ((p == line || strchr(" \t\"'", p[-1])) &&
		    (!p[len] || strchr(" \t\"'\n", p[len])))
			return 1;
	return 0;
}

/* 1 when every entry grubby shows for kernel already has the parameter. */
static int grubby_has(const struct kd_grub *g, const char *kernel,
		      const char *param, struct kd_error *e)
{
	char *argv[] = { (char *)g->grubby, "--info", (char *)kernel, NULL };
	char *out = malloc(1 << 20), *line, *save = NULL;
	int status, entries = 0, set = 0;

	if (!out)
		return kd_fail(e, ENOMEM, "out of memory");
	status = kd_capture(argv, NULL, out, 1 << 20, e);
	if (status) {
		free(out);
		return status < 0 ? -1 : kd_fail(e, EINVAL, "%s --info %s failed "
			"(exit %d): is %s a kernel grubby knows (a path, ALL or "
			"DEFAULT)?", g->grubby, kernel, status, kernel);
	}
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "args=", 5))
			continue;
		entries++;
		set += has_word(line + 5, param);
	}
	free(out);
	return entries && set == entries;
}

static int with_grubby(const struct kd_grub *g, const char *kernel,
		       const char *param, char *where, size_t size,
		       struct kd_error *e)
{
	char *argv[] = { (char *)g->grubby, "--update-kernel", (char *)kernel,
			 "--args", (char *)param, NULL };
	int ret = grubby_has(g, kernel, param, e), status;

	snprintf(where, size, "the boot entries of %s (grubby)", kernel);
	if (ret)
		return ret;
	status = kd_spawn_wait(argv, NULL, e);
	if (status < 0)
		return -1;
	if (status)
		return kd_fail(e, EIO, "%s --update-kernel %s --args %s failed "
			       "(exit %d)", g->grubby, kernel, param, status);
	return 0;
}

/* The drop-in directory exists, or is created where GRUB is configured. */
static int dropin_dir(const struct kd_grub *g, struct kd_error *e)
{
	if (!g->dir_given && access("/etc/default/grub", F_OK))
		return kd_fail(e, ENOENT, "no boot loader configuration found: "
			       "neither grubby nor /etc/default/grub (GRUB) is "
			       "present; add crashkernel= to the kernel command "
			       "line yourself");
	if (mkdir(g->dir, 0755) && errno != EEXIST)
		return kd_fail(e, errno, "cannot create %s: %s", g->dir,
			       strerror(errno));
	return 0;
}

/* kdump-tools' drop-in sets crashkernel= too, and is read after ours. */
static void warn_other_dropin(const struct kd_grub *g)
{
	char other[PATH_MAX + 32];

	snprintf(other, sizeof other, "%s/kdump-tools.cfg", g->dir);
	if (!access(other, F_OK))
		kd_warn("%s also sets crashkernel= and is read after %s: "
			"remove it or uninstall kdump-tools", other,
			KD_GRUB_DROPIN);
}

static int update_grub(const struct kd_grub *g, const char *file,
		       struct kd_error *e)
{
	char *argv[] = { (char *)g->update, NULL };
	int status;

	if (!g->update[0]) {
		if (!g->dir_given)
			kd_warn("update-grub not found: regenerate grub.cfg "
				"yourself (grub-mkconfig -o /boot/grub/grub.cfg)");
		return 0;
	}
	status = kd_spawn_wait(argv, NULL, e);
	if (status < 0)
		return -1;
	if (status)
		return kd_fail(e, EIO, "%s is written but %s failed (exit %d): "
			       "run it yourself once the problem is fixed", file,
			       g->update, status);
	return 0;
}

static int with_dropin(const struct kd_grub *g, const char *kernel,
		       const char *value, char *where, size_t size,
		       struct kd_error *e)
{
	char text[1024], *old;
	int same;

	if (snprintf(where, size, "%s/%s", g->dir, KD_GRUB_DROPIN) >= (int)size)
		return kd_fail(e, ENAMETOOLONG, "%s: path too long", g->dir);
	if (kd_grub_dropin_text(value, text, sizeof text))
		return kd_fail(e, EINVAL, "crashkernel=%s: value too long", value);
	if (kernel && strcmp(kernel, "ALL"))
		kd_warn("--kernel %s is ignored: %s applies to every kernel",
			kernel, where);
	if (dropin_dir(g, e))
		return -1;
	warn_other_dropin(g);
	old = kd_read_file(where, 1 << 16, NULL);
	if (!old && errno != ENOENT)
		return kd_fail(e, errno, "cannot read %s: %s", where,
			       strerror(errno));
	same = old && !strcmp(old, text);
	free(old);
	if (same)
		return 1;
	/* 0644: boot loader configuration, readable like the rest of it */
	if (kd_write_text(where, text, 0644, e))
		return -1;
	return update_grub(g, where, e);
}

int kd_grub_set_crashkernel(const struct kd_grub *g, const char *kernel,
			    const char *value, char *where, size_t size,
			    struct kd_error *e)
{
	char param[512];

	if (snprintf(param, sizeof param, "crashkernel=%s", value) >=
	    (int)sizeof param)
		return kd_fail(e, EINVAL, "crashkernel=%s: value too long", value);
	if (g->grubby[0])
		return with_grubby(g, kernel ? kernel : "ALL", param, where,
				   size, e);
	return with_dropin(g, kernel, value, where, size, e);
}
