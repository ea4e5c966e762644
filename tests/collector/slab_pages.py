# slab_pages.py - every page of every slab in a filtered dump (drgn -c DUMP
# -s VMLINUX slab_pages.py): a slab's tail pages hold objects too, and a
# collector that takes them for user or cache pages loses task_structs.
# Prints "slabs N pages P missing M".
# drgn 0.0.31's page helpers do not know 7.x's memdesc_flags_t: the
# struct pages are read raw.  Kernels with one page type in the top byte
# of page_type (PGTY_*: 6.12 and later) and the order in page[1]'s flags.
from drgn import FaultError
from drgn.helpers.linux.mm import pfn_to_page

PAGE = 4096
head_bit = 1 << prog.constant("PG_head").value_()
slab_type = prog.constant("PGTY_slab").value_()
page_type = prog.type("struct page").member("page_type").offset
size = prog.type("struct page").size
base = pfn_to_page(prog, 0).value_()
max_pfn = prog["max_pfn"].value_()
chunk = 4096  # struct pages per read

slabs = pages = missing = 0
for first in range(0, max_pfn, chunk):
    n = min(chunk, max_pfn - first)
    try:
        raw = prog.read(base + first * size, n * size)
    except FaultError:
        continue  # a hole in the memory map
    for i in range(n - 1):
        at = i * size
        if not int.from_bytes(raw[at : at + 8], "little") & head_bit:
            continue
        if raw[at + page_type + 3] != slab_type:
            continue
        slabs += 1
        order = raw[at + size] & 0xFF  # page[1].flags: the folio's order
        for pfn in range(first + i, first + i + (1 << order)):
            pages += 1
            try:
                prog.read(pfn * PAGE, 8, True)
            except FaultError:
                missing += 1
print("slabs", slabs, "pages", pages, "missing", missing)
