/* cmdline.c - build the capture kernel's command line. */
#include <stdio.h>
#include <string.h>
#include "cmdline.h"
#include "kparam.h"

/* Removed from the base of every capture command line, whatever the
 * configuration: the reservation itself, root-device assembly the capture
 * initramfs does not do, what would take the capture boot elsewhere, and
 * the first kernel's own network words (dracut's, for a network root): the
 * capture network is the image's /etc/kdump/net.conf, overridden only by
 * KDUMP_COMMANDLINE_APPEND. */
static const char *const always_removed[] = {
	"crashkernel", "panic_on_warn", "root", "rootfstype", "rootflags",
	"rd.lvm.lv", "rd.luks.uuid", "rd.dm.uuid", "rd.md.uuid", "fcoe",
	"netroot", "rd.iscsi.initiator", "iscsi_initiator", "resume",
	"rdinit", "ip", "ifname", "bond", "vlan", "bridge", "team",
	"nameserver", "rd.route", "rd.neednet", "bootdev", NULL,
};

/* Carried over under our own names for dump_to_rootfs. */
static const char *const root_params[][2] = {
	{ "root", "kdump.root" },
	{ "rootfstype", "kdump.rootfstype" },
	{ "rootflags", "kdump.rootflags" },
};

static int name_in_list(const struct kd_kparam *w, const char *list)
{
	struct kd_kparam item;

	while (list && kd_kparam_next(&list, &item))
		if (item.len == w->name_len && !memcmp(item.s, w->s, item.len))
			return 1;
	return 0;
}

static int name_in_array(const struct kd_kparam *w, const char *const *names)
{
	for (; *names; names++)
		if (kd_kparam_is(w, *names))
			return 1;
	return 0;
}

/* "foo=" with nothing after the "=" */
static int value_is_empty(const struct kd_kparam *w)
{
	return w->name_len + 1 == w->len;
}

struct out {
	char *buf;
	size_t size, len;
	int overflow;
};

/* An empty command line in out (at most KD_CMDLINE_MAX bytes of it). */
static struct out out_start(char *out, size_t size)
{
	struct out o = { out, size < KD_CMDLINE_MAX ? size : KD_CMDLINE_MAX, 0, 0 };

	out[0] = '\0';
	return o;
}

static void put(struct out *o, const char *s, size_t len)
{
	if (o->len + (o->len ? 1 : 0) + len + 1 > o->size) {
		o->overflow = 1;
		return;
	}
	if (o->len)
		o->buf[o->len++] = ' ';
	memcpy(o->buf + o->len, s, len);
	o->len += len;
	o->buf[o->len] = '\0';
}

/* name immediately followed by len bytes of rest, as one word. */
static void put_joined(struct out *o, const char *name, const char *rest, size_t len)
{
	char tmp[KD_CMDLINE_MAX];
	int n = snprintf(tmp, sizeof tmp, "%s%.*s", name, (int)len, rest);

	if (n < 0 || (size_t)n >= sizeof tmp)
		o->overflow = 1;
	else
		put(o, tmp, (size_t)n);
}

/* w under another name: "root=X" as "kdump.root=X". */
static void put_renamed(struct out *o, const char *name, const struct kd_kparam *w)
{
	put_joined(o, name, w->s + w->name_len, w->len - w->name_len);
}

static void put_all(struct out *o, const char *words)
{
	struct kd_kparam w;

	while (words && kd_kparam_next(&words, &w))
		put(o, w.s, w.len);
}

/* The root parameters go first, so dump_to_rootfs finds them whatever
 * the order of the original; root (when not NULL) replaces root='s
 * value. */
static void put_root_params(struct out *o, const char *base, const char *root)
{
	struct kd_kparam w;
	size_t i;

	for (i = 0; i < sizeof root_params / sizeof root_params[0]; i++) {
		const char *p = base;

		if (i == 0 && root) {
			put_joined(o, "kdump.root=", root, strlen(root));
			continue;
		}
		while (kd_kparam_next(&p, &w))
			if (kd_kparam_is(&w, root_params[i][0]) && !value_is_empty(&w))
				put_renamed(o, root_params[i][1], &w);
	}
}

static int finish(struct out *o, struct kd_error *e)
{
	if (o->overflow)
		return kd_fail(e, 0, "the capture command line would be longer "
			       "than %d bytes", KD_CMDLINE_MAX - 1);
	return 0;
}

int kd_capture_cmdline(const char *base, const char *remove,
		       const char *append, const char *extra, const char *root,
		       char *out, size_t outsize, struct kd_error *e)
{
	struct out o = out_start(out, outsize);
	const char *p = base ? base : "";
	struct kd_kparam w;

	while (kd_kparam_next(&p, &w)) {
		/* after "--" come the first kernel's init arguments, and a
		 * parameter appended after them would not reach the kernel */
		if (w.len == 2 && !memcmp(w.s, "--", 2))
			break;
		if (value_is_empty(&w) || name_in_array(&w, always_removed) ||
		    name_in_list(&w, remove))
			continue;
		put(&o, w.s, w.len);
	}
	put_root_params(&o, base ? base : "", root);
	put_all(&o, append);
	put_all(&o, extra);
	return finish(&o, e);
}

int kd_reuse_cmdline(const char *base, const char *append, int for_crash,
		     char *out, size_t outsize, struct kd_error *e)
{
	struct out o = out_start(out, outsize);
	const char *p = base ? base : "";
	struct kd_kparam w;

	while (kd_kparam_next(&p, &w)) {
		if (kd_kparam_is(&w, "BOOT_IMAGE") ||
		    (for_crash && kd_kparam_is(&w, "crashkernel")))
			continue;
		put(&o, w.s, w.len);
	}
	put_all(&o, append);
	return finish(&o, e);
}
