/*
 * oomlab-baseline: the C side of `oomlab bench`, the smallest program doing what oomlab does in
 * Java, so that the benchmark prints oomlab's figures beside what the kernel allows without a JVM.
 *
 *   oomlab-baseline listen-v1 CGROUP_DIR N   eventfd on CGROUP_DIR/memory.oom_control registered
 *                                            through cgroup.event_control; blocking read(2);
 *                                            prints "oom <CLOCK_MONOTONIC ns> <count>" per wake-up
 *   oomlab-baseline listen-v2 CGROUP_DIR N   inotify on CGROUP_DIR/memory.events; prints
 *                                            "oom <ns> <delta>" when its oom counter grows
 *   oomlab-baseline hogs PROCS N BYTES       N times in a row: fork a child that joins the memcg
 *                                            (writes itself to PROCS) and touches BYTES of
 *                                            anonymous memory until the OOM killer kills it;
 *                                            prints "hog <pid> <forked ns> <reaped ns> <status>"
 *   oomlab-baseline hogs2 PROCS_A PROCS_B N BYTES
 *                                            as hogs, the hogs joining A and B in turn
 *   oomlab-baseline hog PROCS BYTES          as hogs, one hog per line read on stdin (the JVM
 *                                            interleaves its own kills between them)
 *   oomlab-baseline adj PID A B              writes /proc/PID/oom_score_adj in batches asked for on
 *                                            stdin, so that the JVM can interleave its own batches:
 *                                            "open N" = N times open, write A or B (alternating),
 *                                            close; "held N" = N pwrites through one fd opened
 *                                            at start; prints "adj <ns> <ns> ..." per write, per batch
 *   oomlab-baseline sleeper THREADS CLONES   a process with THREADS threads (1 = just main) and
 *                                            CLONES processes sharing its mm (clone(CLONE_VM),
 *                                            no CLONE_THREAD: seed 003's MMF_PROC_SHARED case),
 *                                            all asleep; prints "ready <pid>" and holds until
 *                                            stdin reaches EOF
 *
 * Every line is printed and flushed as it happens ("ready" once listening), so the JVM reads it as
 * it comes. Each mode arms PR_SET_PDEATHSIG(SIGKILL) first: nothing outlives the agent.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t mono_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
  fprintf(stdout, "error %s %s\n", what, strerror(errno));
  fflush(stdout);
  exit(2);
}

static void arm_parent_death(void) {
  pid_t parent = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl");
  if (getppid() != parent) exit(3); /* the parent died before prctl */
}

static void path_of(char *buf, size_t n, const char *dir, const char *file) {
  if ((size_t)snprintf(buf, n, "%s/%s", dir, file) >= n) { errno = ENAMETOOLONG; die(file); }
}

static int listen_v1(const char *dir, long n) {
  char p[4096], line[64];
  int efd = eventfd(0, EFD_CLOEXEC);
  path_of(p, sizeof p, dir, "memory.oom_control");
  int ofd = open(p, O_RDONLY | O_CLOEXEC);
  path_of(p, sizeof p, dir, "cgroup.event_control");
  int cfd = open(p, O_WRONLY | O_CLOEXEC);
  if (efd < 0 || ofd < 0 || cfd < 0) die("open");
  int len = snprintf(line, sizeof line, "%d %d", efd, ofd);
  if (write(cfd, line, (size_t)len) != len) die("cgroup.event_control");
  printf("ready %d\n", getpid());
  fflush(stdout);
  for (long i = 0; i < n; i++) {
    uint64_t count;
    if (read(efd, &count, sizeof count) != sizeof count) die("read eventfd");
    uint64_t t = mono_ns();
    printf("oom %llu %llu\n", (unsigned long long)t, (unsigned long long)count);
    fflush(stdout);
  }
  return 0;
}

static long read_oom_counter(int fd) {
  char buf[1024];
  ssize_t r = pread(fd, buf, sizeof buf - 1, 0);
  if (r < 0) die("read memory.events");
  buf[r] = 0;
  for (char *s = buf; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL) {
    if (strncmp(s, "oom ", 4) == 0) return atol(s + 4);
  }
  return -1;
}

static int listen_v2(const char *dir, long n) {
  char p[4096];
  path_of(p, sizeof p, dir, "memory.events");
  int in = inotify_init1(IN_CLOEXEC);
  int fd = open(p, O_RDONLY | O_CLOEXEC);
  if (in < 0 || fd < 0 || inotify_add_watch(in, p, IN_MODIFY) < 0) die("inotify");
  long last = read_oom_counter(fd);
  printf("ready %d\n", getpid());
  fflush(stdout);
  for (long i = 0; i < n;) {
    char ev[4096];
    if (read(in, ev, sizeof ev) <= 0) die("read inotify");
    uint64_t t = mono_ns();
    long now = read_oom_counter(fd);
    if (now > last) {
      printf("oom %llu %ld\n", (unsigned long long)t, now - last);
      fflush(stdout);
      last = now;
      i++;
    }
  }
  return 0;
}

/* One hog: fork a child that joins the memcg and touches BYTES; wait for it. */
static void one_hog(const char *procs, long bytes) {
  uint64_t forked = mono_ns();
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    arm_parent_death();
    int fd = open(procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, "0", 1) != 1) _exit(12); /* "0": the writing process itself */
    close(fd);
    char *m = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) _exit(15);
    for (long off = 0; off < bytes; off += 4096) m[off] = 1;
    _exit(0); /* not killed: the limit was above BYTES */
  }
  int status;
  if (waitpid(pid, &status, 0) != pid) die("waitpid");
  uint64_t reaped = mono_ns();
  printf("hog %d %llu %llu %d\n", pid, (unsigned long long)forked, (unsigned long long)reaped, status);
  fflush(stdout);
}

static int hogs(const char *procs, long n, long bytes) {
  printf("ready %d\n", getpid());
  fflush(stdout);
  for (long i = 0; i < n; i++) one_hog(procs, bytes);
  return 0;
}

static int hogs_alternating(const char *a, const char *b, long n, long bytes) {
  printf("ready %d\n", getpid());
  fflush(stdout);
  for (long i = 0; i < n; i++) one_hog((i & 1) ? b : a, bytes);
  return 0;
}

static int hog_on_demand(const char *procs, long bytes) {
  char cmd[16];
  printf("ready %d\n", getpid());
  fflush(stdout);
  while (fgets(cmd, sizeof cmd, stdin)) one_hog(procs, bytes);
  return 0;
}

static int adj(const char *pid, const char *a, const char *b) {
  char p[64], cmd[64];
  snprintf(p, sizeof p, "/proc/%s/oom_score_adj", pid);
  size_t la = strlen(a), lb = strlen(b);
  int held = open(p, O_WRONLY | O_CLOEXEC);
  if (held < 0) die("open oom_score_adj");
  uint64_t *t = NULL;
  long cap = 0;
  printf("ready %d\n", getpid());
  fflush(stdout);
  while (fgets(cmd, sizeof cmd, stdin)) {
    char mode[16];
    long n;
    if (sscanf(cmd, "%15s %ld", mode, &n) != 2 || n <= 0) die("adj command");
    if (n > cap) {
      free(t);
      t = calloc((size_t)n, sizeof *t);
      if (!t) die("calloc");
      cap = n;
    }
    int reopen = strcmp(mode, "open") == 0;
    for (long i = 0; i < n; i++) {
      const char *v = (i & 1) ? b : a;
      size_t len = (i & 1) ? lb : la;
      uint64_t start = mono_ns();
      int fd = reopen ? open(p, O_WRONLY | O_CLOEXEC) : held;
      if (fd < 0) die("open oom_score_adj");
      /* pwrite through the held fd, as oomlab does (OomScoreAdjFile); the same in a one-thread process */
      if ((reopen ? write(fd, v, len) : pwrite(fd, v, len, 0)) != (ssize_t)len) die("write oom_score_adj");
      if (reopen) close(fd);
      t[i] = mono_ns() - start;
    }
    fputs("adj", stdout);
    for (long i = 0; i < n; i++) printf(" %llu", (unsigned long long)t[i]);
    putchar('\n');
    fflush(stdout);
  }
  return 0;
}

static void *sleep_forever(void *arg) {
  (void)arg;
  for (;;) pause();
  return NULL;
}

static int clone_main(void *arg) {
  (void)arg;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  for (;;) pause();
  return 0;
}

static int sleeper(long threads, long clones) {
  arm_parent_death();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  for (long i = 1; i < threads; i++) {
    pthread_t th;
    if (pthread_create(&th, &attr, sleep_forever, NULL) != 0) die("pthread_create");
  }
  for (long i = 0; i < clones; i++) {
    size_t stack = 64 * 1024;
    char *s = mmap(NULL, stack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (s == MAP_FAILED) die("mmap stack");
    /* CLONE_VM without CLONE_THREAD or CLONE_VFORK: a process sharing our mm (MMF_PROC_SHARED);
       SIGCHLD so that we could reap it, and it dies with us through its own PDEATHSIG */
    if (clone(clone_main, s + stack, CLONE_VM | SIGCHLD, NULL) < 0) die("clone");
  }
  printf("ready %d\n", getpid());
  fflush(stdout);
  char c;
  while (read(STDIN_FILENO, &c, 1) > 0) {
  }
  /* the clones die through their PDEATHSIG when we exit */
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "listen-v1") == 0) { arm_parent_death(); return listen_v1(argv[2], atol(argv[3])); }
  if (argc >= 4 && strcmp(argv[1], "listen-v2") == 0) { arm_parent_death(); return listen_v2(argv[2], atol(argv[3])); }
  if (argc >= 5 && strcmp(argv[1], "hogs") == 0) { arm_parent_death(); return hogs(argv[2], atol(argv[3]), atol(argv[4])); }
  if (argc >= 6 && strcmp(argv[1], "hogs2") == 0) { arm_parent_death(); return hogs_alternating(argv[2], argv[3], atol(argv[4]), atol(argv[5])); }
  if (argc >= 4 && strcmp(argv[1], "hog") == 0) { arm_parent_death(); return hog_on_demand(argv[2], atol(argv[3])); }
  if (argc >= 5 && strcmp(argv[1], "adj") == 0) { arm_parent_death(); return adj(argv[2], argv[3], argv[4]); }
  if (argc >= 4 && strcmp(argv[1], "sleeper") == 0) return sleeper(atol(argv[2]), atol(argv[3]));
  fprintf(stderr, "usage: oomlab-baseline listen-v1|listen-v2 CGROUP_DIR N | hogs PROCS N BYTES | hogs2 PROCS_A PROCS_B N BYTES | hog PROCS BYTES | adj PID A B"
                  " | sleeper THREADS CLONES\n");
  return 1;
}
