# dump_open.py - what the tests ask of a dump opened with drgn (drgn -c
# DUMP -s VMLINUX dump_open.py): the release, the panic line of the log,
# the crashed thread's backtrace: as crash's sys and bt show them.
import struct

from drgn import FaultError
from drgn.helpers.linux.printk import get_dmesg

uts = prog["init_uts_ns"].name
print("RELEASE:", uts.release.string_().decode())
print("NODENAME:", uts.nodename.string_().decode())
for line in get_dmesg(prog).decode(errors="replace").splitlines():
    if "Kernel panic - not syncing" in line:
        print("PANIC:", line.split("] ", 1)[-1].strip())
        break


def stack_words(thread):
    """The functions whose addresses are on the thread's kernel stack (as
    crash's bt -t): drgn 0.0.31 cannot unwind kernels whose ORC format is
    newer than it ("unrecognized .orc_header", 6.13 and later), its pages
    of zeros, which the dump leaves out, are skipped."""
    base = thread.object.stack.value_()
    for page in range(base, base + 16384, 4096):
        try:
            data = prog.read(page, 4096)
        except FaultError:  # a page of zeros, excluded from the dump
            continue
        for (word,) in struct.iter_unpack("<Q", data):
            try:
                yield prog.symbol(word).name
            except LookupError:
                pass


thread = prog.crashed_thread()
try:
    names = [frame.name for frame in thread.stack_trace()]
except Exception as error:  # noqa: BLE001 - any unwinder failure
    print("UNWIND:", error)
    names = stack_words(thread)
for name in names:
    if name:
        print("BT:", name)
