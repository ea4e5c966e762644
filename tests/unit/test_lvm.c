/* test_lvm.c - LVM2 on-disk formats: the PV label, metadata area headers
 * and their circular buffer, the metadata text, the VG and LV read from
 * it, the device-mapper table and names (lvm_fixture.h: real lvm2
 * output). */
#define UNIT_SUITE "lvm"
#include <errno.h>
#include <linux/dm-ioctl.h>
#include "dm.h"
#include "lvm_fixture.h"
#include "lvm_label.h"
#include "lvm_names.h"
#include "lvm_plan.h"
#include "lvm_table.h"
#include "lvm_text.h"
#include "lvm_vg.h"
#include "unit.h"

static uint8_t disk[65536];
static struct mem image = { disk, sizeof disk };

/* kd-vg's pv0 as lvm left it: real label, real header, the seqno 5
 * text where the header says. */
static size_t real_pv0(void)
{
	size_t len = 0;
	char *text = fixture("kd-vg-seqno5.vg", &len);

	memset(disk, 0, sizeof disk);
	unhex(PV0_LABEL, disk + 512);
	unhex(PV0_MDA, disk + 4096);
	CHECK(text != NULL);
	if (text)
		memcpy(disk + 4096 + 0x1c00, text, len);
	free(text);
	return len;
}

TEST(crc_is_lvms)
{
	size_t len = 0;
	char *text = fixture("kd-vg-seqno5.vg", &len);

	CHECK_INT(len, 2001);
	CHECK_INT(kd_lvm_crc(KD_LVM_INITIAL_CRC, text, len), 0x895d7ba8);
	free(text);
	real_pv0();
	CHECK_INT(kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 512 + 20, 492), 0x9e0e3d46);
	CHECK_INT(kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 4096 + 4, 508), 0x5f1ef4d8);
	/* continued over two pieces, as a wrapped text is checked */
	CHECK_INT(kd_lvm_crc(kd_lvm_crc(KD_LVM_INITIAL_CRC, "LVM2 ", 5), "x[5A", 4),
		  kd_lvm_crc(KD_LVM_INITIAL_CRC, "LVM2 x[5A", 9));
}

TEST(label_in_sector_1)
{
	size_t len = real_pv0();
	struct kd_lvm_label l;
	struct kd_lvm_locn loc;
	struct kd_error e;
	char *text = NULL, *want = fixture("kd-vg-seqno5.vg", &len);
	size_t n = 0;

	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), 0);
	CHECK_STR(l.pv_id, PV0_ID);
	CHECK_INT(l.sector, 1);
	CHECK_INT(l.dev_size, 128 << 20);
	CHECK_INT(l.data_offset, 1 << 20);
	CHECK_INT(l.mda_count, 1);
	CHECK_INT(l.mda[0].offset, 4096);
	CHECK_INT(l.mda[0].size, 0xff000);
	CHECK_INT(kd_lvm_read_mda(read_mem, &image, 4096, &loc, &e), 0);
	CHECK_INT(loc.area_size, 0xff000);
	CHECK_INT(loc.offset, 0x1c00);
	CHECK_INT(loc.size, 2001);
	CHECK_INT(loc.checksum, 0x895d7ba8);
	CHECK_INT(kd_lvm_read_text(read_mem, &image, &loc, &text, &n, &e), 0);
	CHECK_INT(n, 2000);		/* without lvm's NUL */
	CHECK(text && want && !memcmp(text, want, 2001));
	free(text);
	free(want);
}

/* The test's own builders write what lvm writes (so the synthetic disks
 * below have lvm's layout). */
TEST(builders_write_lvms_layout)
{
	uint8_t sec[512], hdr[512];

	real_pv0();
	put_label(sec, 1, PV0_ID, 128 << 20, 1 << 20, 4096, 0xff000);
	CHECK(!memcmp(sec, disk + 512, 512));
	put_mda(hdr, 4096, 0xff000, 0x1c00, 2001, 0x895d7ba8, 0);
	CHECK(!memcmp(hdr, disk + 4096, 512));
}

static int label_at(unsigned sector, uint64_t says)
{
	struct kd_lvm_label l;
	struct kd_error e;

	memset(disk, 0, sizeof disk);
	put_label(disk + 512 * sector, says, PV0_ID, 1 << 30, 1 << 20, 4096, 8192);
	if (kd_lvm_read_label(read_mem, &image, &l, &e))
		return e.code == ENOENT ? -2 : -1;
	return (int)l.sector;
}

TEST(label_sectors)
{
	struct kd_lvm_label l;
	struct kd_error e;

	CHECK_INT(label_at(0, 0), 0);
	CHECK_INT(label_at(2, 2), 2);
	CHECK_INT(label_at(3, 3), 3);
	CHECK_INT(label_at(2, 1), -2);		/* names another sector */
	label_at(1, 1);
	disk[512 + 100] ^= 1;			/* its crc no longer matches */
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), -1);
	CHECK_INT(e.code, ENOENT);
	put_label(disk + 1536, 3, PV1_ID, 1 << 30, 1 << 20, 4096, 8192);
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), 0);
	CHECK_STR(l.pv_id, PV1_ID);		/* the next good one */
	label_at(1, 1);
	memcpy(disk + 512 + 24, "LVM2 002", 8);	/* another label type */
	put32(disk + 512 + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 512 + 20, 492));
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), -1);
	CHECK_INT(e.code, ENOENT);
	CHECK_INT(label_at(4, 4), -2);		/* past the 4 sectors lvm reads */
}

TEST(label_damage)
{
	struct kd_lvm_label l;
	struct kd_error e;

	label_at(1, 1);
	disk[512 + 40] = '%';			/* not in lvm's id alphabet */
	put32(disk + 512 + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 512 + 20, 492));
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), -1);
	CHECK_INT(e.code, EINVAL);
	label_at(1, 1);
	put32(disk + 512 + 20, 500);		/* the PV header would not fit */
	put32(disk + 512 + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 512 + 20, 492));
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), -1);
	CHECK(strstr(e.msg, "offset") != NULL);
	label_at(1, 1);
	memset(disk + 512 + 104, 0xff, 512 - 104);	/* no terminator */
	put32(disk + 512 + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 512 + 20, 492));
	CHECK_INT(kd_lvm_read_label(read_mem, &image, &l, &e), -1);
	CHECK(strstr(e.msg, "overflow") != NULL);
}

/* The real wrapped text of VG wrap, placed where lvm wrote it. */
TEST(text_wraps_in_the_circular_buffer)
{
	struct kd_lvm_locn loc;
	struct kd_error e;
	size_t len = 0, n = 0;
	char *want = fixture("wrapped.vg", &len), *text = NULL;

	memset(disk, 0, sizeof disk);
	unhex(WRAP_LABEL, disk + 512);
	unhex(WRAP_MDA, disk + 4096);
	CHECK(want && len == 1747);
	if (!want)
		return;
	put_text(disk, 4096, 61440, 0xea00, want, len);
	CHECK_INT(kd_lvm_read_mda(read_mem, &image, 4096, &loc, &e), 0);
	CHECK_INT(loc.offset + loc.size - loc.area_size, 211);
	CHECK_INT(kd_lvm_read_text(read_mem, &image, &loc, &text, &n, &e), 0);
	CHECK(text && !memcmp(text, want, len));
	free(text);
	/* the rest goes right after the 512-byte header, not at its start */
	memcpy(disk + 4096 + 512, "garbage!", 8);
	CHECK_INT(kd_lvm_read_text(read_mem, &image, &loc, &text, &n, &e), -1);
	CHECK(strstr(e.msg, "checksum") != NULL);
	free(want);
}

static int mda(uint64_t area, uint64_t off, uint64_t size, uint32_t flags)
{
	struct kd_lvm_locn loc;
	struct kd_error e;

	memset(disk, 0, sizeof disk);
	put_mda(disk + 4096, area, 32768, off, size, 0, flags);
	if (kd_lvm_read_mda(read_mem, &image, 4096, &loc, &e))
		return e.code;
	return 0;
}

TEST(mda_header_refusals)
{
	struct kd_lvm_locn loc;
	struct kd_error e;
	char *text = NULL;
	size_t n;

	CHECK_INT(mda(4096, 512, 100, 0), 0);
	CHECK_INT(mda(4096, 0, 0, 0), ENOENT);		/* a PV in no VG */
	CHECK_INT(mda(4096, 512, 100, 1), ENOENT);	/* ignored area */
	CHECK_INT(mda(8192, 512, 100, 0), EINVAL);	/* another area's */
	CHECK_INT(mda(4096, 32768, 100, 0), EINVAL);	/* past the area */
	CHECK_INT(mda(4096, 512, 32768 - 511, 0), EINVAL);
	CHECK_INT(mda(4096, 100, 10, 0), EINVAL);	/* inside the header */
	mda(4096, 512, 100, 0);
	disk[4096 + 4] = 'X';				/* magic */
	CHECK_INT(kd_lvm_read_mda(read_mem, &image, 4096, &loc, &e), -1);
	mda(4096, 512, 100, 0);
	put32(disk + 4096 + 20, 2);			/* version */
	put32(disk + 4096, kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + 4096 + 4, 508));
	CHECK_INT(kd_lvm_read_mda(read_mem, &image, 4096, &loc, &e), -1);
	loc.area = 0;
	loc.area_size = 64ull << 20;
	loc.offset = 512;
	loc.size = KD_LVM_MAX_TEXT + 1;			/* bounded memory */
	CHECK_INT(kd_lvm_read_text(read_mem, &image, &loc, &text, &n, &e), -1);
	CHECK_INT(e.code, EFBIG);
	CHECK(text == NULL);
}

static int parse_fixture(const char *name, struct kd_lvm_tree *t, char **text)
{
	struct kd_error e;
	size_t len = 0;

	*text = fixture(name, &len);
	CHECK(*text != NULL);
	if (!*text || kd_lvm_parse(*text, len, t, &e)) {
		printf("  %s: %s\n", name, *text ? e.msg : "missing");
		return -1;
	}
	return 0;
}

TEST(parse_real_metadata)
{
	struct kd_lvm_tree t;
	const struct kd_lvm_node *vg, *pv1;
	char *text;
	uint64_t v = 0;

	if (parse_fixture("kd-vg-seqno5.vg", &t, &text) == 0) {
		vg = kd_lvm_first(&t, kd_lvm_root(&t));
		CHECK(vg && vg->type == KD_LVM_SECTION);
		CHECK_STR(vg ? vg->key : NULL, "kd-vg");
		CHECK_STR(kd_lvm_str(&t, vg, "id"), "kqrApI-V4fq-CwHD-9OlL-I67x-iS0X-aeZYO4");
		CHECK_INT(kd_lvm_u64(&t, vg, "seqno", &v), 0);
		CHECK_INT(v, 5);
		CHECK(kd_lvm_flag(&t, vg, "status", "RESIZEABLE"));
		CHECK(!kd_lvm_flag(&t, vg, "status", "EXPORTED"));
		pv1 = kd_lvm_find(&t, kd_lvm_find(&t, vg, "physical_volumes"), "pv1");
		CHECK_STR(kd_lvm_str(&t, pv1, "device"), "/dev/loop2");
		CHECK_INT(kd_lvm_u64(&t, pv1, "pe_count", &v), 0);
		CHECK_INT(v, 31);
		/* \" in lvm's description of the command that wrote it */
		CHECK(strstr(kd_lvm_str(&t, kd_lvm_root(&t), "description"),
			     "devices {filter=[\"a|^/dev/loop[1-4]$|\",\"r|.*|\"]}") != NULL);
		CHECK_STR(kd_lvm_str(&t, kd_lvm_root(&t), "contents"), "Text Format Volume Group");
	}
	kd_lvm_tree_free(&t);
	free(text);
	/* vgcfgbackup's file: indented, comments after values */
	if (parse_fixture("backup.vg", &t, &text) == 0) {
		vg = kd_lvm_find(&t, kd_lvm_root(&t), "bad");
		CHECK_INT(kd_lvm_u64(&t, vg, "seqno", &v), 0);
		CHECK_INT(v, 10);
		vg = kd_lvm_find(&t, kd_lvm_find(&t, vg, "logical_volumes"), "r0");
		vg = kd_lvm_find(&t, vg, "segment1");
		CHECK_STR(kd_lvm_str(&t, vg, "type"), "raid0");
		CHECK_INT(kd_lvm_u64(&t, vg, "stripe_size", &v), 0);
		CHECK_INT(v, 128);
	}
	kd_lvm_tree_free(&t);
	free(text);
}

static const struct kd_lvm_node *parse_str(struct kd_lvm_tree *t, const char *s,
					   size_t len, struct kd_error *e)
{
	if (kd_lvm_parse(s, len, t, e))
		return NULL;
	return kd_lvm_root(t);
}

TEST(parse_grammar)
{
	static const char text[] = "# a comment\n"
		"s { k = 'single' q = \"a\\\"b\\\\c\\d\" n = -42 big = 99999999999999999999 "
		"f = 1.5 bare = word }\n"
		"a = [ \"x\", 2 \"y\" ]\ne = []\n\"quoted key\" = 1\n"
		"z = 7\0y = {{{ ignored after a NUL";
	const struct kd_lvm_node *r, *s, *el;
	struct kd_lvm_tree t;
	struct kd_error e;
	uint64_t v;

	r = parse_str(&t, text, sizeof text - 1, &e);
	CHECK(r != NULL);
	s = kd_lvm_find(&t, r, "s");
	CHECK(kd_lvm_find(&t, s, "k") && kd_lvm_find(&t, s, "k")->type == KD_LVM_STRING);
	CHECK_STR(kd_lvm_str(&t, s, "q"), "a\"b\\c\\d");
	CHECK(kd_lvm_find(&t, s, "n") && kd_lvm_find(&t, s, "n")->num == -42);
	CHECK_INT(kd_lvm_u64(&t, s, "n", &v), -1);		/* not >= 0 */
	CHECK(kd_lvm_find(&t, s, "big") && kd_lvm_find(&t, s, "big")->type == KD_LVM_OTHER);
	CHECK(kd_lvm_find(&t, s, "f") && kd_lvm_find(&t, s, "f")->type == KD_LVM_OTHER);
	CHECK_STR(kd_lvm_str(&t, s, "bare"), "word");
	el = kd_lvm_first(&t, kd_lvm_find(&t, r, "a"));
	CHECK_STR(el ? el->str : NULL, "x");
	el = kd_lvm_next(&t, el);
	CHECK(el && el->type == KD_LVM_INT && el->num == 2);
	el = kd_lvm_next(&t, el);
	CHECK_STR(el ? el->str : NULL, "y");
	CHECK(kd_lvm_next(&t, el) == NULL);
	CHECK(kd_lvm_find(&t, r, "e") && !kd_lvm_first(&t, kd_lvm_find(&t, r, "e")));
	CHECK_INT(kd_lvm_u64(&t, r, "quoted key", &v), 0);
	CHECK_INT(kd_lvm_u64(&t, r, "z", &v), 0);
	CHECK_INT(v, 7);
	CHECK(kd_lvm_find(&t, r, "y") == NULL);
	kd_lvm_tree_free(&t);
}

static const char *parse_error(const char *s)
{
	static struct kd_error e;
	struct kd_lvm_tree t;

	if (parse_str(&t, s, strlen(s), &e))
		strcpy(e.msg, "parsed");
	kd_lvm_tree_free(&t);
	return e.msg;
}

TEST(parse_errors)
{
	char deep[64] = "";
	int i;

	CHECK_STR(parse_error("a {\n b = 1\n"), "line 3: missing }");
	CHECK_STR(parse_error("a = [1, 2"), "line 1: missing ]");
	CHECK_STR(parse_error("a {\nb = \"open\n}\n"), "line 4: unterminated string");
	CHECK_STR(parse_error("= 1"), "line 1: expected a name, found '='");
	CHECK_STR(parse_error("a b"), "line 1: expected = or { after a");
	CHECK_STR(parse_error("a = }"), "line 1: expected a value");
	CHECK_STR(parse_error("}"), "line 1: expected a name, found '}'");
	for (i = 0; i < 20; i++)
		strcat(deep, "a{");
	CHECK_STR(parse_error(deep), "line 1: sections nested deeper than 16");
	CHECK_STR(parse_error("a = 1 # the end"), "parsed");
}

/* Parse text (len bytes) and read its VG: 0, or -1 with e. */
static int load_vg(const char *text, size_t len, struct kd_lvm_tree *t,
		   struct kd_lvm_vg *vg, struct kd_error *e)
{
	memset(vg, 0, sizeof *vg);
	if (kd_lvm_parse(text, len, t, e) || kd_lvm_vg_read(t, vg, e))
		return -1;
	return 0;
}

/* kd-vg with pv0 on 8:16 and pv1 on 8:32, both 128 MiB. */
static int kd_vg(struct kd_lvm_tree *t, struct kd_lvm_vg *vg, char **text)
{
	size_t len = 0;

	struct kd_error e;

	*text = fixture("kd-vg-seqno5.vg", &len);
	if (!*text || load_vg(*text, len, t, vg, &e) || vg->pv_count != 2)
		return -1;
	vg->pv[0].found = vg->pv[1].found = 1;
	vg->pv[0].major = vg->pv[1].major = 8;
	vg->pv[0].minor = 16;
	vg->pv[1].minor = 32;
	vg->pv[0].sectors = vg->pv[1].sectors = 262144;
	strcpy(vg->pv[1].dev, "sdc");
	return 0;
}

TEST(vg_and_pvs)
{
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	char *text;

	CHECK_INT(kd_vg(&t, &vg, &text), 0);
	CHECK_STR(vg.name, "kd-vg");
	CHECK_STR(vg.id, KD_VG_ID);
	CHECK_INT(vg.seqno, 5);
	CHECK_INT(vg.extent_size, 8192);
	CHECK_INT(vg.pv_count, 2);
	if (vg.pv_count == 2) {
		CHECK_STR(vg.pv[0].name, "pv0");
		CHECK_STR(vg.pv[0].id, PV0_ID);
		CHECK_STR(vg.pv[1].id, PV1_ID);
		CHECK_STR(vg.pv[1].device, "/dev/loop2");
		CHECK_INT(vg.pv[1].pe_start, 2048);
		CHECK_INT(vg.pv[1].pe_count, 31);
		CHECK(!vg.pv[0].missing);
	}
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	free(text);
}

/* LV id of the LV called name (the tests know LVs by name). */
static const char *id_of(const struct kd_lvm_vg *vg, const char *name, char *id)
{
	const struct kd_lvm_node *n = kd_lvm_find(vg->tree, vg->sec, "logical_volumes");
	const char *text = kd_lvm_str(vg->tree, kd_lvm_find(vg->tree, n, name), "id");

	if (!text || kd_lvm_id_parse(text, id, KD_LVM_ID_LEN + 1))
		strcpy(id, "no-such-lv-in-this-vg-0000000000");
	return id;
}

TEST(lv_segments)
{
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_lvm_lv lv;
	struct kd_error e;
	char *text;

	CHECK_INT(kd_vg(&t, &vg, &text), 0);
	CHECK_INT(kd_lvm_lv_read(&vg, SPAN_ID, &lv, &e), 0);
	CHECK_STR(lv.name, "span");
	CHECK_INT(lv.seg_count, 2);
	if (lv.seg_count == 2) {
		CHECK_INT(lv.seg[0].start_extent, 0);
		CHECK_INT(lv.seg[0].extent_count, 29);
		CHECK_INT(lv.seg[0].stripe_count, 1);
		CHECK_INT(lv.seg[0].area[0].pv, 0);
		CHECK_INT(lv.seg[0].area[0].pe, 2);
		CHECK_INT(lv.seg[1].start_extent, 29);
		CHECK_INT(lv.seg[1].extent_count, 1);
		CHECK_INT(lv.seg[1].area[0].pv, 1);
		CHECK_INT(lv.seg[1].area[0].pe, 2);
	}
	kd_lvm_lv_free(&lv);
	CHECK_INT(kd_lvm_lv_read(&vg, STRIPE_ID, &lv, &e), 0);
	CHECK_INT(lv.seg_count, 1);
	if (lv.seg_count == 1) {
		CHECK_INT(lv.seg[0].stripe_count, 2);
		CHECK_INT(lv.seg[0].stripe_size, 128);
		CHECK_INT(lv.seg[0].area[1].pv, 1);
		CHECK_INT(lv.seg[0].area[1].pe, 0);
	}
	kd_lvm_lv_free(&lv);
	CHECK_INT(kd_lvm_lv_read(&vg, "0000000000aaaaaaaaaaaaaaaaaaaaaa", &lv, &e), -1);
	CHECK_INT(e.code, ENOENT);
	kd_lvm_lv_free(&lv);
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	free(text);
}

/* Why LV name of VG bad (refused.vg) cannot be mapped: "" when it can. */
static const char *refusal(const struct kd_lvm_vg *vg, const char *name)
{
	static struct kd_error e;
	struct kd_lvm_lv lv;
	char id[KD_LVM_ID_LEN + 1];

	if (kd_lvm_lv_read(vg, id_of(vg, name, id), &lv, &e) == 0)
		e.msg[0] = '\0';
	kd_lvm_lv_free(&lv);
	return e.msg;
}

TEST(refused_segment_types)
{
	static const struct { const char *lv, *why; } cases[] = {
		{ "r0", "bad/r0 has a raid0 segment: the capture kernel maps only "
			"linear, striped, thin and raid1 LVs" },
		{ "r1", "" },
		{ "mir", "bad/mir has a mirror segment (lvm's old mirror type): the "
			"capture kernel maps raid1, not mirror (lvconvert --type raid1 "
			"bad/mir)" },
		{ "pool", "bad/pool is a thin pool, not a volume: name a thin LV in it" },
		{ "thin", "" },
		{ "cpool", "bad/cpool has a cache-pool segment" },
		{ "orig", "bad/orig is the origin of snapshot bad/snap" },
		{ "snap", "bad/snap is a snapshot of bad/orig" },
		{ "r1_rimage_0", "bad/r1_rimage_0 is used by bad/r1 (raid1 raids)" },
		{ "lvol0_pmspare", "bad/lvol0_pmspare is a hidden LV, part of another one" },
		{ "cached", "" },
	};
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_error e;
	size_t len = 0, i;
	char *text = fixture("refused.vg", &len);

	CHECK(text && load_vg(text, len, &t, &vg, &e) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = refusal(&vg, cases[i].lv);

		if (strncmp(got, cases[i].why, strlen(cases[i].why)) ||
		    (!cases[i].why[0] && got[0])) {
			printf("  %s: \"%s\"\n", cases[i].lv, got);
			CHECK(!"refusal as expected");
		}
	}
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	free(text);
}

/* The seqno 5 text with `from` replaced by `to` at its first place after
 * `after`; the refusal of LV lv_id in it ("" when it maps). */
static const char *edited(const char *after, const char *from, const char *to,
			  const char *lv_id)
{
	static char buf[8192], msg[512];
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_lvm_lv lv;
	struct kd_error e;
	size_t len = 0;
	char *text = fixture("kd-vg-seqno5.vg", &len), *a, *f;

	strcpy(msg, "edit failed");
	a = text ? strstr(text, after) : NULL;
	f = a ? strstr(a, from) : NULL;
	if (f && len + strlen(to) < sizeof buf) {
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)(f - text), text, to,
			 f + strlen(from));
		if (load_vg(buf, strlen(buf), &t, &vg, &e) == 0) {
			msg[0] = '\0';
			if (kd_lvm_lv_read(&vg, lv_id, &lv, &e))
				snprintf(msg, sizeof msg, "%s", e.msg);
			kd_lvm_lv_free(&lv);
		} else {
			snprintf(msg, sizeof msg, "VG refused: %s", e.msg);
		}
		kd_lvm_vg_free(&vg);
		kd_lvm_tree_free(&t);
	}
	free(text);
	return msg;
}

TEST(refused_synthetic)
{
	static const struct {
		const char *after, *from, *to, *lv, *why;
	} cases[] = {
		{ "dump-lv {", "\"striped\"", "\"vdo\"", DUMP_LV_ID,
		  "kd-vg/dump-lv has a vdo segment: the capture kernel maps only "
		  "linear, striped, thin and raid1 LVs" },
		{ "dump-lv {", "\"pv1\", 3", "\"stripe\", 0", DUMP_LV_ID,
		  "kd-vg/dump-lv is built on LV stripe (a pvmove in progress, or a "
		  "stacked LV): the capture kernel maps only LVs on PVs" },
		{ "dump-lv {", "\"pv1\", 3", "\"pv7\", 3", DUMP_LV_ID,
		  "kd-vg/dump-lv names an unknown PV pv7" },
		{ "dump-lv {", "\"pv1\", 3", "\"pv1\", 30", DUMP_LV_ID,
		  "kd-vg/dump-lv segment1: extents past the end of pv1" },
		{ "segment2 {", "start_extent = 29", "start_extent = 30", SPAN_ID,
		  "kd-vg/span: its segments leave a gap or overlap at extent 29" },
		{ "span {", "segment_count = 2", "segment_count = 1", SPAN_ID,
		  "kd-vg/span: segment_count does not match its segments" },
		{ "stripe {", "stripe_count = 2", "stripe_count = 3", STRIPE_ID,
		  "kd-vg/stripe segment1: bad stripe_count" },
		{ "dump-lv {", "\"WRITE\", ", "", DUMP_LV_ID, "kd-vg/dump-lv is read-only" },
		{ "kd-vg {", "\"RESIZEABLE\"", "\"EXPORTED\"", DUMP_LV_ID,
		  "VG kd-vg is exported (vgexport)" },
		{ "kd-vg {", "format =", "lock_type = \"sanlock\"\nformat =", DUMP_LV_ID,
		  "VG kd-vg is shared (lock_type sanlock): activating it needs lvmlockd" },
		{ "kd-vg {", "kd-vg {", "kd/vg {", DUMP_LV_ID, "VG refused: bad VG name kd/vg" },
		{ "contents", "Text Format", "Other Format", DUMP_LV_ID,
		  "VG refused: not LVM2 metadata (contents, version 1)" },
		{ "dump-lv {", "dump-lv {", "dump-lv {", DUMP_LV_ID, "" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(edited(cases[i].after, cases[i].from, cases[i].to, cases[i].lv),
			  cases[i].why);
}

/* The table of LV lv_id, or the error's code and message. */
static const char *table_of(struct kd_lvm_vg *vg, const char *lv_id)
{
	static char out[1024];
	struct kd_lvm_lv lv;
	struct kd_error e;
	char *table = NULL;

	if (kd_lvm_lv_read(vg, lv_id, &lv, &e) || !(table = kd_lvm_table(vg, &lv, &e)))
		snprintf(out, sizeof out, "%d %s", e.code, e.msg);
	else
		snprintf(out, sizeof out, "%s", table);
	free(table);
	kd_lvm_lv_free(&lv);
	return out;
}

TEST(table_lines)
{
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	char *text;

	CHECK_INT(kd_vg(&t, &vg, &text), 0);
	/* extents 2-30 of pv0, then 2 of pv1: 1 MiB + 2 * 4 MiB in */
	CHECK_STR(table_of(&vg, SPAN_ID), "0 237568 linear 8:16 18432\n"
		  "237568 8192 linear 8:32 18432\n");
	CHECK_STR(table_of(&vg, STRIPE_ID), "0 32768 striped 2 128 8:16 2048 8:32 2048\n");
	CHECK_STR(table_of(&vg, DUMP_LV_ID), "0 16384 linear 8:32 26624\n");
	vg.pv[1].sectors = 26624 + 16384;		/* exactly large enough */
	CHECK_STR(table_of(&vg, DUMP_LV_ID), "0 16384 linear 8:32 26624\n");
	vg.pv[1].sectors--;
	CHECK_STR(table_of(&vg, DUMP_LV_ID), "22 VG kd-vg: PV pv1 on sdc is smaller than "
		  "its metadata says");
	vg.pv[1].found = 2;
	CHECK_STR(table_of(&vg, DUMP_LV_ID), "17 VG kd-vg: PV pv1 (VuBMxK-Oyn7-IU1L-bS95-"
		  "vFx2-ds2N-air5gi) is on more than one device (sdc and another): "
		  "multipath legs, or a copied disk?");
	vg.pv[1].found = 0;
	CHECK_STR(table_of(&vg, SPAN_ID), "19 VG kd-vg: PV pv1 (VuBMxK-Oyn7-IU1L-bS95-"
		  "vFx2-ds2N-air5gi, last seen as /dev/loop2) is not there");
	vg.pv[1].found = 1;
	vg.pv[1].missing = 1;
	CHECK(!strncmp(table_of(&vg, STRIPE_ID), "22 VG kd-vg: PV pv1 (VuBMxK-Oyn7-IU1L-"
		       "bS95-vFx2-ds2N-air5gi) is marked MISSING", 60));
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	free(text);
}

/* VG bad (refused.vg), its text edited as `edited` does, with pv0 on
 * 8:16 and pv1 on 8:32 (found when pv1 is). */
static int bad_vg(struct kd_lvm_tree *t, struct kd_lvm_vg *vg, const char *from,
		  const char *to, int pv1)
{
	static char buf[16384];
	size_t len = 0;
	char *text = fixture("refused.vg", &len), *f;
	struct kd_error e;
	int r = -1;

	f = text ? strstr(text, from) : NULL;
	if (f && len + strlen(to) < sizeof buf) {
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)(f - text), text, to,
			 f + strlen(from));
		r = load_vg(buf, strlen(buf), t, vg, &e);
	}
	free(text);
	if (r || vg->pv_count != 2)
		return -1;
	vg->pv[0].found = 1;
	vg->pv[1].found = pv1;
	vg->pv[0].major = vg->pv[1].major = 8;
	vg->pv[0].minor = 16;
	vg->pv[1].minor = 32;
	vg->pv[0].sectors = vg->pv[1].sectors = 262144;
	return 0;
}

/* The plan of LV name: "<ndev> <modules>", then a line per device:
 * "<name> <uuid's last 8 characters> <table>" (lvm's device-mapper uuids
 * hold the ids without dashes); or "<errno> <message>". */
static const char *devices(const struct kd_lvm_vg *vg, const char *name, int degraded)
{
	static char out[2048];
	struct kd_lvm_plan p;
	struct kd_lvm_lv lv;
	struct kd_error e;
	char id[KD_LVM_ID_LEN + 1];
	size_t i, at;

	memset(&p, 0, sizeof p);
	if (kd_lvm_lv_read(vg, id_of(vg, name, id), &lv, &e) ||
	    kd_lvm_devices(vg, &lv, degraded, &p, &e)) {
		snprintf(out, sizeof out, "%d %s", e.code, e.msg);
	} else {
		at = (size_t)snprintf(out, sizeof out, "%zu %s\n", p.ndev, p.modules);
		for (i = 0; i < p.ndev; i++)
			at += (size_t)snprintf(out + at, sizeof out - at, "%s %s %s",
					       p.dev[i].name,
					       p.dev[i].uuid + strlen(p.dev[i].uuid) - 8,
					       p.dev[i].table);
	}
	kd_lvm_lv_free(&lv);
	kd_lvm_plan_free(&p);
	return out;
}

/* devices() of LV lv in VG bad edited from -> to, pv1 found or not. */
static const char *bad_plan(const char *from, const char *to, int pv1, const char *lv,
			    int degraded)
{
	static char out[2048];
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;

	if (bad_vg(&t, &vg, from, to, pv1))
		snprintf(out, sizeof out, "VG refused");
	else
		snprintf(out, sizeof out, "%s", devices(&vg, lv, degraded));
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	return out;
}

TEST(raid1_plan)
{
	/* rmeta_0 at extent 20 of pv0: 1 MiB + 20 * 4 MiB in */
	CHECK_STR(bad_plan("", "", 1, "r1", 0), "5 dm_raid raid1\n"
		  "bad-r1_rmeta_0 gG62ZY71 0 8192 linear 8:16 165888\n"
		  "bad-r1_rimage_0 qReKfuxO 0 8192 linear 8:16 174080\n"
		  "bad-r1_rmeta_1 1I7lIv9f 0 8192 linear 8:32 165888\n"
		  "bad-r1_rimage_1 IGhk8PTZ 0 8192 linear 8:32 174080\n"
		  "bad-r1 7M5r1DCF 0 8192 raid raid1 3 0 region_size 1024 2 @0 @1 @2 @3\n");
	/* pv1 gone: wait for it, or without degraded map the other image */
	CHECK(!strncmp(bad_plan("", "", 0, "r1", 0), "19 VG bad: PV pv1", 17));
	CHECK_STR(bad_plan("", "", 0, "r1", 1), "3 dm_raid raid1\n"
		  "bad-r1_rmeta_0 gG62ZY71 0 8192 linear 8:16 165888\n"
		  "bad-r1_rimage_0 qReKfuxO 0 8192 linear 8:16 174080\n"
		  "bad-r1 7M5r1DCF 0 8192 raid raid1 3 0 region_size 1024 2 @0 @1 - -\n");
	/* both images on pv1: nothing whole */
	CHECK_STR(bad_plan("\"pv0\", 20", "\"pv1\", 23", 0, "r1", 1),
		  "19 bad/r1: no raid1 image has all its PVs");
	CHECK_STR(bad_plan("device_count = 2", "device_count = 3", 1, "r1", 0),
		  "22 bad/r1: raids does not match device_count");
	CHECK_STR(bad_plan("region_size = 1024", "region_size = 0", 1, "r1", 0),
		  "22 bad/r1: bad raid1 segment");
	CHECK_STR(bad_plan("device_count = 2", "device_count = 5", 1, "r1", 0),
		  "22 bad/r1 has 5 raid1 images: the capture kernel maps at most 4");
}

TEST(thin_plan)
{
	static const char tsnap[] = "tsnap {\nid = \"aaaaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaaa\"\n"
		"status = [\"READ\", \"WRITE\", \"VISIBLE\"]\nsegment_count = 1\n"
		"segment1 {\nstart_extent = 0\nextent_count = 2\ntype = \"thin\"\n"
		"thin_pool = \"pool\"\norigin = \"thin\"\ndevice_id = 2\n}\n}\nmir {";

	CHECK_STR(bad_plan("", "", 1, "thin", 0), "4 dm_thin_pool\n"
		  "bad-pool_tmeta oMi8UxU4 0 8192 linear 8:16 198656\n"
		  "bad-pool_tdata QdbvWoVp 0 16384 linear 8:16 206848\n"
		  "bad-pool-tpool kC-tpool 0 16384 thin-pool @0 @1 128 0 0\n"
		  "bad-thin gl835xUk 0 16384 thin @2 1\n");
	CHECK(strstr(bad_plan("discards = \"passdown\"\nzero_new_blocks = 1",
			      "discards = \"ignore\"\nzero_new_blocks = 0\nerror_when_full = 1",
			      1, "thin", 0),
		     "thin-pool @0 @1 128 0 3 skip_block_zeroing ignore_discard "
		     "error_if_no_space\n") != NULL);
	CHECK(strstr(bad_plan("discards = \"passdown\"", "discards = \"nopassdown\"", 1,
			      "thin", 0), "128 0 1 no_discard_passdown\n") != NULL);
	CHECK_STR(bad_plan("discards = \"passdown\"", "discards = \"maybe\"", 1, "thin", 0),
		  "22 bad/pool: unknown discards \"maybe\"");
	CHECK_STR(bad_plan("device_id = 1", "device_id = 1\nexternal_origin = \"orig\"", 1,
			   "thin", 0), "22 bad/thin is a thin volume with an external origin: "
		  "the capture kernel does not map those");
	CHECK_STR(bad_plan("device_id = 1", "device_id = 16777216", 1, "thin", 0),
		  "22 bad/thin: bad thin segment");
	CHECK_STR(bad_plan("pool = \"pool_tdata\"", "pool = \"snap\"", 1, "thin", 0),
		  "22 bad/pool: its data LV is not the pool's size");
	CHECK(!strncmp(bad_plan("pool = \"pool_tdata\"", "pool = \"mir\"", 1, "thin", 0),
		       "22 under bad/thin: bad/mir has a mirror", 38));
	CHECK_STR(bad_plan("pool = \"pool_tdata\"", "pool = \"nosuch\"", 1, "thin", 0),
		  "22 bad/thin is built on LV nosuch, which is not in the metadata");
	CHECK_STR(bad_plan("thin_pool = \"pool\"", "thin_pool = \"orig\"", 1, "thin", 0),
		  "22 bad/thin: its pool orig is not one thin-pool segment");
	/* a thin snapshot of thin leaves thin mappable */
	CHECK(!strncmp(bad_plan("mir {", tsnap, 1, "thin", 0), "4 dm_thin_pool\n", 15));
	CHECK(strstr(bad_plan("mir {", tsnap, 1, "tsnap", 0), "bad-tsnap aaaaaaaa 0 16384 thin @2 2\n"));
}

TEST(table_resolve)
{
	static const unsigned num[3][2] = { { 254, 0 }, { 254, 1 }, { 254, 12 } };
	struct kd_error e;
	char *r;

	r = kd_lvm_table_resolve("0 16384 thin-pool @0 @1 128 0 0\n0 8 thin @2 1\n", num, 3, &e);
	CHECK_STR(r, "0 16384 thin-pool 254:0 254:1 128 0 0\n0 8 thin 254:12 1\n");
	free(r);
	CHECK(kd_lvm_table_resolve("0 8 thin @3 1\n", num, 3, &e) == NULL);
	CHECK(kd_lvm_table_resolve("0 8 thin @ 1\n", num, 3, &e) == NULL);
	CHECK_STR(e.msg, "a table names device \"@\", which is not there");
	r = kd_lvm_table_resolve("0 8 linear 8:16 2048\n", num, 0, &e);
	CHECK_STR(r, "0 8 linear 8:16 2048\n");
	free(r);
}

/* The device-mapper name of vg/lv, or "too long". */
static const char *dm_name(const char *vg, const char *lv)
{
	static char out[200];

	if (kd_lvm_dm_name(vg, lv, out, sizeof out))
		strcpy(out, "too long");
	return out;
}

TEST(names)
{
	char out[200], id[40], name[64];

	CHECK_STR(dm_name("kd-vg", "dump-lv"), "kd--vg-dump--lv");
	CHECK_STR(dm_name("vg", "lv"), "vg-lv");
	CHECK_STR(dm_name("a--b", "c-"), "a----b-c--");
	memset(name, 'v', 63);
	name[63] = '\0';
	CHECK_INT(strlen(dm_name(name, name)), 127);	/* DM_NAME_LEN with its NUL */
	name[1] = '-';					/* one more character */
	CHECK_STR(dm_name(name, name + 1), "too long");
	kd_lvm_dm_uuid(KD_VG_ID, SPAN_ID, out, sizeof out);
	CHECK_STR(out, "LVM-" KD_VG_ID SPAN_ID);
	CHECK_INT(strlen(out), 68);
	kd_lvm_id_format(PV1_ID, id, sizeof id);
	CHECK_STR(id, "VuBMxK-Oyn7-IU1L-bS95-vFx2-ds2N-air5gi");
	CHECK_INT(kd_lvm_id_parse("VuBMxK-Oyn7-IU1L-bS95-vFx2-ds2N-air5gi", out, 33), 0);
	CHECK_STR(out, PV1_ID);
	CHECK_INT(kd_lvm_id_parse("VuBMxK-Oyn7-IU1L-bS95-vFx2-ds2N-air5g", out, 33), -1);
	CHECK_INT(kd_lvm_id_parse("VuBMxK-Oyn7-IU1L-bS95-vFx2-ds2N-air5gi0", out, 33), -1);
	CHECK_INT(kd_lvm_id_parse("VuBMxK/Oyn7-IU1L-bS95-vFx2-ds2N-air5gi", out, 33), -1);
	CHECK(kd_lvm_name_ok("kd-vg") && kd_lvm_name_ok("a+b_c.d"));
	CHECK(!kd_lvm_name_ok("..") && !kd_lvm_name_ok(".") && !kd_lvm_name_ok("-vg"));
	CHECK(!kd_lvm_name_ok("a/b") && !kd_lvm_name_ok("") && !kd_lvm_name_ok("a b"));
}

TEST(dm_table_request)
{
	static const char table[] = "0 237568 linear 8:16 18432\n"
		"237568 8192 striped 2 128 8:32 2048 8:48 2048  \n\n";
	struct dm_ioctl *io;
	struct dm_target_spec *spec;
	struct kd_error e;

	io = kd_dm_table_request("kd--vg-span", table, &e);
	CHECK(io != NULL);
	if (!io)
		return;
	CHECK_INT(io->version[0], 4);
	CHECK_STR(io->name, "kd--vg-span");
	CHECK_STR(io->uuid, "");		/* the kernel wants one of the two */
	CHECK_INT(io->target_count, 2);
	CHECK_INT(io->data_start, sizeof *io);
	spec = (struct dm_target_spec *)((char *)io + io->data_start);
	CHECK_INT(spec->sector_start, 0);
	CHECK_INT(spec->length, 237568);
	CHECK_STR(spec->target_type, "linear");
	CHECK_STR((char *)(spec + 1), "8:16 18432");
	CHECK_INT(spec->next, sizeof *spec + 16);	/* 11 bytes, padded to 8 */
	spec = (struct dm_target_spec *)((char *)spec + spec->next);
	CHECK_INT(spec->sector_start, 237568);
	CHECK_STR(spec->target_type, "striped");
	CHECK_STR((char *)(spec + 1), "2 128 8:32 2048 8:48 2048");
	CHECK_INT(io->data_size, sizeof *io + 2 * sizeof *spec + 16 + 32);
	free(io);
	io = kd_dm_table_request("x", "0 8 linear\n", &e);	/* no params */
	CHECK(io != NULL);
	free(io);
	CHECK(kd_dm_table_request("x", "0 0 linear 8:1 0\n", &e) == NULL);
	CHECK(kd_dm_table_request("x", "zero 8 linear 8:1 0\n", &e) == NULL);
	CHECK(kd_dm_table_request("x", "0 8 averyveryverylongtarget 8:1 0\n", &e) == NULL);
}

int main(void)
{
	RUN(crc_is_lvms);
	RUN(label_in_sector_1);
	RUN(builders_write_lvms_layout);
	RUN(label_sectors);
	RUN(label_damage);
	RUN(text_wraps_in_the_circular_buffer);
	RUN(mda_header_refusals);
	RUN(parse_real_metadata);
	RUN(parse_grammar);
	RUN(parse_errors);
	RUN(vg_and_pvs);
	RUN(lv_segments);
	RUN(refused_segment_types);
	RUN(refused_synthetic);
	RUN(table_lines);
	RUN(raid1_plan);
	RUN(thin_plan);
	RUN(table_resolve);
	RUN(names);
	RUN(dm_table_request);
	return unit_done();
}
