# workload.sh - sourced by guest-init before a fixture crash: page cache
# from a real ext4 filesystem (clean and dirty), anonymous memory with
# data and with zeros, so that every page class is in the dump.
# crc32c_generic is gone from 6.14 on (ext4 pulls in the crc32c library)
modprobe crc32c_generic 2>/dev/null
modprobe virtio_pci && modprobe virtio_blk && modprobe ext4 || mark "modprobe failed"
mount -t ext4 /dev/vda /mnt || mark "mount failed"
cat /mnt/data/* > /dev/null
dd if=/dev/urandom of=/mnt/dirty bs=1M count=32 2>/dev/null
memhog 160 32 &
sleep 3
mark "workload ready: $(grep -E '^(Cached|AnonPages|MemFree):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')"
