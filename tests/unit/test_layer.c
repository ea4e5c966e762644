/* test_layer.c - the lines of the capture image's /etc/kdump/stack. */
#define UNIT_SUITE "layer"
#include "layer.h"
#include "unit.h"

TEST(round_trip)
{
	struct kd_layer l, back;
	char line[512];

	CHECK_INT(kd_layer_parse("md 3a2b1c0d:11223344:55667788:99aabbcc", &l), 0);
	CHECK_INT(l.kind, KD_LAYER_MD);
	CHECK_STR(l.md_uuid, "3a2b1c0d:11223344:55667788:99aabbcc");
	CHECK_INT(kd_layer_format(&l, line, sizeof line), 0);
	CHECK_STR(line, "md 3a2b1c0d:11223344:55667788:99aabbcc");

	CHECK_INT(kd_layer_parse("lvm Yq3eW1-abcd-efgh-ijkl-mnop-qrst-uvwxyz "
				 "Hb2kd9-abcd-efgh-ijkl-mnop-qrst-uvwxyz vgk lv_kdump 7", &l), 0);
	CHECK_INT(l.kind, KD_LAYER_LVM);
	CHECK_STR(l.lv.vg_name, "vgk");
	CHECK_STR(l.lv.lv_name, "lv_kdump");
	CHECK_INT(l.lv.seqno, 7);
	CHECK_INT(kd_layer_format(&l, line, sizeof line), 0);
	CHECK_INT(kd_layer_parse(line, &back), 0);
	CHECK_STR(back.lv.vg_uuid, l.lv.vg_uuid);
	CHECK_STR(back.lv.lv_uuid, l.lv.lv_uuid);
	CHECK_INT(back.lv.seqno, 7);
	CHECK_INT(kd_layer_format(&l, line, 20), -1);
}

TEST(bad_lines)
{
	struct kd_layer l;

	CHECK_INT(kd_layer_parse("", &l), -1);
	CHECK_INT(kd_layer_parse("md", &l), -1);
	CHECK_INT(kd_layer_parse("md a b", &l), -1);
	CHECK_INT(kd_layer_parse("raid a", &l), -1);
	CHECK_INT(kd_layer_parse("lvm a b vg lv", &l), -1);
	CHECK_INT(kd_layer_parse("lvm a b vg lv x", &l), -1);
	CHECK_INT(kd_layer_parse("lvm a b vg lv 1 extra", &l), -1);
	CHECK_INT(kd_layer_parse("md 0123456789012345678901234567890123456789xx", &l), -1);
}

int main(void)
{
	RUN(round_trip);
	RUN(bad_lines);
	return unit_done();
}
