#!/bin/busybox sh
# oomlab guest init (PID 1 of the initramfs, run by busybox sh).
# Loads the 9p and virtio modules, mounts the host root read-only and the results share
# writable, sets up the cgroup hierarchy the run asks for, runs the command in a chroot of the
# host root (so the host's JDK and oomlab's jars run unchanged), reports its exit status on the
# virtio-serial port "oomlab.status" and powers off. The console (ttyS0) is kept by the host as
# console.log; the status port carries only short machine-readable lines:
#   init|modules|mounted|start <guest uptime>, exit <status> <guest uptime>, error <text>
# /oomlab/run.conf (written by the host) sets OOMLAB_CGROUP (v1|v2), OOMLAB_RESULTS (host path
# of the results share), OOMLAB_CWD, optionally OOMLAB_SCRATCH (where to mount the scratch disk
# /dev/vda) and the command as positional parameters.

/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

uptime_s() { cut -d' ' -f1 /proc/uptime; }
# The loopback interface, down until brought up: programs that talk to localhost (the kernel's
# test_memcg_sock: a TCP server on ::, a client to localhost) need it as on any machine.
ip link set lo up 2>/dev/null

STATUS=/dev/null
status() {
  echo "$*" > "$STATUS"
  echo "oomlab-guest: $*"
}

# Stops the guest; the host reads the reason from the status port and console.log.
fail() {
  status "error $*"
  poweroff -f
}

. /oomlab/run.conf
t_init=$(uptime_s)

# One level of modules a line, each needing only the lines before it: a line's insmods run in
# parallel (12 insmods took 0.7-1.1 s one after the other under TCG).
while read -r level; do
  for m in $level; do
    insmod "/lib/modules/$m.ko" || echo "oomlab-guest: insmod $m failed" &
  done
  wait
done < /lib/modules/modules.load

# The status port's device node is named after its port number; find it by its name.
for p in /sys/class/virtio-ports/*; do
  [ "$(cat "$p/name" 2>/dev/null)" = oomlab.status ] && STATUS=/dev/${p##*/}
done
status "init $t_init"
status "modules $(uptime_s)"

R=/mnt/host
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot $R || fail "cannot mount the host root over 9p"
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/shm && mount -t tmpfs -o mode=1777 shm $R/dev/shm || fail "cannot mount /dev/shm"
# /tmp: the host's /tmp as the lower layer of an overlay whose upper layer is a guest tmpfs;
# plain tmpfs (host /tmp hidden) when overlay is not available.
mkdir -p /overlay && mount -t tmpfs -o mode=755 overlay-tmp /overlay && mkdir -p /overlay/upper /overlay/work
chmod 1777 /overlay/upper
mount -t overlay -o lowerdir=$R/tmp,upperdir=/overlay/upper,workdir=/overlay/work overlay $R/tmp 2>/dev/null \
  || { echo "oomlab-guest: no overlay for /tmp, host /tmp hidden"; mount -t tmpfs -o mode=1777 tmp $R/tmp; }

CG=$R/sys/fs/cgroup
case "$OOMLAB_CGROUP" in
  v2)
    mount -t cgroup2 -o nsdelegate cgroup2 $CG || fail "cannot mount cgroup2"
    echo +memory > $CG/cgroup.subtree_control || fail "cannot enable the memory controller in cgroup2"
    ;;
  v1)
    # The host's layout: v1 memory at /sys/fs/cgroup/memory, a cgroup2 without memory at unified.
    mount -t tmpfs -o mode=755 cgroup $CG
    mkdir $CG/memory $CG/unified
    mount -t cgroup -o memory memory $CG/memory || fail "cannot mount the cgroup v1 memory controller"
    # Before 5.x the v1 default is a flat hierarchy; oomlab's scenarios are hierarchical.
    echo 1 > $CG/memory/memory.use_hierarchy 2>/dev/null
    mount -t cgroup2 cgroup2 $CG/unified
    ;;
  *) fail "unknown cgroup mode '$OOMLAB_CGROUP'" ;;
esac
# Mounted at its host path, so the command's arguments name the same files inside and outside.
# Below /tmp it may not exist yet (the host creates it just before the boot, after which the
# cached host root may not show it): create it in the overlay.
mkdir -p "$R$OOMLAB_RESULTS" 2>/dev/null
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results "$R$OOMLAB_RESULTS" || fail "cannot mount the results share on $OOMLAB_RESULTS"
# A scratch disk (ext4 on virtio-blk) when the host attached one: a real writable file system for
# commands that need one as their working directory (the kernel's selftests).
if [ -n "$OOMLAB_SCRATCH" ]; then
  i=0; while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
  mkdir -p "$R$OOMLAB_SCRATCH" && mount -t ext4 /dev/vda "$R$OOMLAB_SCRATCH" && chmod 1777 "$R$OOMLAB_SCRATCH" \
    || fail "cannot mount the scratch disk on $OOMLAB_SCRATCH"
fi
status "mounted $(uptime_s)"

status "start $(uptime_s)"
env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb \
  OOMLAB_GUEST=1 chroot $R /bin/sh -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$OOMLAB_CWD" "$@"
rc=$?
sync
status "exit $rc $(uptime_s)"
poweroff -f
