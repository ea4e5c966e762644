# free_pages.py - the kernel's own count of free pages in a dump, for the
# collector's tests (run by drgn: drgn -c VMCORE -s VMLINUX free_pages.py):
#   nr_free_pages N    vm_zone_stat[NR_FREE_PAGES]
#   buddy N            the sum of nr_free << order over every zone's free_area

def pgdats():
    try:
        nodes = prog["node_data"]
    except KeyError:  # no NUMA
        yield prog["contig_page_data"]
        return
    for node in nodes:
        if node.value_():
            yield node[0]

stat = prog["vm_zone_stat"][prog["NR_FREE_PAGES"]].counter.value_()
buddy = 0
for pgdat in pgdats():
    for i in range(pgdat.nr_zones.value_()):
        zone = pgdat.node_zones[i]
        for order, area in enumerate(zone.free_area):
            buddy += area.nr_free.value_() << order
print("nr_free_pages", stat)
print("buddy", buddy)
