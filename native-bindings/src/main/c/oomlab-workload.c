/*
 * oomlab-workload: one process per scenario task, allocating exactly what the scenario says.
 *
 * The agent (oomlab.agent.workload.WorkloadLauncher) starts it with:
 *
 *   oomlab-workload --name NAME --parent PID --procs CGROUP.PROCS --adj N
 *                   --allocate BYTES [--step BYTES] [--mode touch|populate|mlock|tmpfs]
 *                   [--threads N] [--tmpfs-dir DIR] [--clone SPEC]...
 *   SPEC = name=B,procs=PATH,adj=N,allocate=BYTES,step=BYTES,mode=MODE
 *
 * Order of business, and why:
 *  1. PR_SET_PDEATHSIG(SIGKILL), then getppid() == --parent: the workload must die with the agent,
 *     also when the agent died between fork and prctl.
 *  2. Join the cgroup (write our pid to cgroup.procs) and set oom_score_adj BEFORE allocating a
 *     single page: a task charged to the wrong memcg or with the wrong adj is a different
 *     experiment. A failure is reported and ends the process with a distinct exit code; in
 *     particular a negative adj without CAP_SYS_RESOURCE (EACCES) is never silently dropped.
 *  3. Every --clone SPEC is a process made by clone(CLONE_VM | CLONE_PARENT): a separate process
 *     sharing this process's mm (seed 003, MMF_PROC_SHARED), the agent's child like us (so the agent
 *     reaps it and sees how it died), joining its own cgroup and setting its own adj.
 *  4. Wait for the start. stdin carries one-byte commands from the agent: 's' starts this task's
 *     allocation, 'a'+i starts clone i; EOF means the agent is gone: exit. Only the main thread
 *     reads stdin; clones wait on a futex word in the shared memory, so a byte is never stolen.
 *  5. Allocate in steps, by N worker threads (the main thread stays the command reader), and report.
 *  6. Hold the memory until killed (or until stdin reaches EOF).
 *
 * Reports go to stdout, one line per event, each shorter than PIPE_BUF so concurrent writers never
 * interleave: "<task> ready <pid>", "<task> clone <name> <pid>", "<task> step <bytes> [<resident>]",
 * "<task> enomem <bytes> <errno>", "<task> done <bytes>", "<task> error <what> <errno>".
 * <bytes> counts what this task has allocated so far over all its threads; <resident> (populate
 * mode) is what mincore says really arrived.
 *
 * A clone shares the TLS of the thread that made it (no CLONE_SETTLS), so the clone's code uses
 * only syscalls, vsnprintf and stack buffers: no malloc, no stdio, no pthreads; errno is read
 * right after each call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/futex.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/* Exit codes the agent turns into a cause (oomlab.agent.workload.WorkloadExit). */
enum {
  EXIT_HELD = 0,          /* stdin closed while holding: the agent let us go */
  EXIT_USAGE = 10,        /* bad command line */
  EXIT_ORPHAN = 11,       /* the agent died before we could arm PR_SET_PDEATHSIG */
  EXIT_JOIN_CGROUP = 12,  /* writing our pid to cgroup.procs failed */
  EXIT_OOM_SCORE_ADJ = 13,/* writing oom_score_adj failed (EACCES: no CAP_SYS_RESOURCE) */
  EXIT_NO_START = 14,     /* stdin closed before the start */
  EXIT_SETUP = 15,        /* mmap/open/pthread_create failed before allocating */
  EXIT_CLONE = 16,        /* clone(CLONE_VM) failed */
};

enum mode { MODE_TOUCH, MODE_POPULATE, MODE_MLOCK, MODE_TMPFS };

#define MAX_CLONES 26 /* one stdin command letter each: a..z */
#define MAX_THREADS 1024 /* as the scenario loader allows */
#define CLONE_STACK (256 * 1024)

struct task {
  char name[64];
  char procs[PATH_MAX];
  int adj;
  uint64_t allocate;
  uint64_t step;
  enum mode mode;
  int threads;
  /* shared between the task's workers: bytes allocated so far, pages mincore found resident */
  _Atomic uint64_t allocated;
  _Atomic uint64_t resident;
  _Atomic int workers_left;
  _Atomic int enomem_seen;
  /* futex words: the clone waits on go, holds on quit (the main process sets both) */
  _Atomic uint32_t go;
  _Atomic uint32_t quit;
};

struct worker {
  struct task *task;
  int index;
  uint64_t bytes;
};

static pid_t parent_pid;
static const char *tmpfs_dir = "/tmp";
static long page_size;

/* ---- reporting ---------------------------------------------------------------------------- */

static void report(const struct task *t, const char *fmt, ...) {
  char line[512];
  int n = snprintf(line, sizeof line, "%s ", t->name);
  va_list ap;
  va_start(ap, fmt);
  n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
  line[n++] = '\n';
  /* One write per line: atomic on a pipe (n < PIPE_BUF). A dead agent means EPIPE/SIGPIPE: fine. */
  ssize_t w = write(STDOUT_FILENO, line, (size_t)n);
  (void)w;
}

static void fail(const struct task *t, const char *what, int err, int code) {
  report(t, "error %s %d", what, err);
  _exit(code);
}

/* ---- parsing ------------------------------------------------------------------------------ */

static int parse_size(const char *s, uint64_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s) return -1;
  switch (*end) {
    case 'K': v <<= 10; end++; break;
    case 'M': v <<= 20; end++; break;
    case 'G': v <<= 30; end++; break;
    default: break;
  }
  if (*end) return -1;
  *out = v;
  return 0;
}

static int parse_int(const char *s, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < INT_MIN || v > INT_MAX) return -1;
  *out = (int)v;
  return 0;
}

static int parse_mode(const char *s, enum mode *out) {
  if (!strcmp(s, "touch")) *out = MODE_TOUCH;
  else if (!strcmp(s, "populate")) *out = MODE_POPULATE;
  else if (!strcmp(s, "mlock")) *out = MODE_MLOCK;
  else if (!strcmp(s, "tmpfs")) *out = MODE_TMPFS;
  else return -1;
  return 0;
}

static void init_task(struct task *t) {
  memset(t, 0, sizeof *t);
  strcpy(t->name, "?");
  t->step = 1 << 20;
  t->threads = 1;
  t->mode = MODE_TOUCH;
}

/* name=B,procs=PATH,adj=N,allocate=BYTES,step=BYTES,mode=MODE */
static int parse_clone_spec(char *spec, struct task *t) {
  init_task(t);
  int have_procs = 0, have_name = 0;
  for (char *save = NULL, *kv = strtok_r(spec, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(kv, '=');
    if (!eq) return -1;
    *eq = 0;
    const char *k = kv, *v = eq + 1;
    if (!strcmp(k, "name")) { snprintf(t->name, sizeof t->name, "%s", v); have_name = 1; }
    else if (!strcmp(k, "procs")) { snprintf(t->procs, sizeof t->procs, "%s", v); have_procs = 1; }
    else if (!strcmp(k, "adj")) { if (parse_int(v, &t->adj)) return -1; }
    else if (!strcmp(k, "allocate")) { if (parse_size(v, &t->allocate)) return -1; }
    else if (!strcmp(k, "step")) { if (parse_size(v, &t->step)) return -1; }
    else if (!strcmp(k, "mode")) { if (parse_mode(v, &t->mode)) return -1; }
    else return -1;
  }
  return have_name && have_procs ? 0 : -1;
}

/* ---- setup: cgroup, oom_score_adj --------------------------------------------------------- */

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  ssize_t w = write(fd, text, strlen(text));
  int err = w < 0 ? errno : 0;
  close(fd);
  return err;
}

static void arm_parent_death(const struct task *t) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(t, "prctl-pdeathsig", errno, EXIT_SETUP);
  /* The agent may have died before the prctl: then we were re-parented and must not run. */
  if (getppid() != parent_pid) _exit(EXIT_ORPHAN);
}

static void join_cgroup_and_set_adj(const struct task *t) {
  char text[32];
  snprintf(text, sizeof text, "%d", (int)getpid());
  int err = write_file(t->procs, text);
  if (err) fail(t, "cgroup.procs", err, EXIT_JOIN_CGROUP);
  snprintf(text, sizeof text, "%d", t->adj);
  err = write_file("/proc/self/oom_score_adj", text);
  if (err) fail(t, "oom_score_adj", err, EXIT_OOM_SCORE_ADJ);
  report(t, "ready %d", (int)getpid());
}

/* ---- allocation ----------------------------------------------------------------------------- */

static void note_step(struct task *t, uint64_t bytes, uint64_t resident_pages) {
  uint64_t total = atomic_fetch_add(&t->allocated, bytes) + bytes;
  if (t->mode == MODE_POPULATE) {
    uint64_t res = atomic_fetch_add(&t->resident, resident_pages) + resident_pages;
    report(t, "step %llu %llu", (unsigned long long)total, (unsigned long long)(res * page_size));
  } else {
    report(t, "step %llu", (unsigned long long)total);
  }
}

static void note_enomem(struct task *t, int err) {
  atomic_store(&t->enomem_seen, 1);
  report(t, "enomem %llu %d", (unsigned long long)atomic_load(&t->allocated), err);
}

static uint64_t resident_pages(void *addr, uint64_t len) {
  uint64_t pages = (len + (uint64_t)page_size - 1) / (uint64_t)page_size;
  unsigned char vec[4096];
  uint64_t resident = 0;
  for (uint64_t done = 0; done < pages;) {
    uint64_t chunk = pages - done < sizeof vec ? pages - done : sizeof vec;
    if (mincore((char *)addr + done * (uint64_t)page_size, chunk * (uint64_t)page_size, vec) != 0) break;
    for (uint64_t i = 0; i < chunk; i++) resident += vec[i] & 1;
    done += chunk;
  }
  return resident;
}

/* touch: one reservation, every page written step by step (the charge comes from page faults,
 * which never return ENOMEM: a fault the memcg cannot charge retries or gets killed). */
static int allocate_touch(struct task *t, uint64_t bytes) {
  char *base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) fail(t, "mmap", errno, EXIT_SETUP);
  for (uint64_t off = 0; off < bytes; off += t->step) {
    uint64_t len = bytes - off < t->step ? bytes - off : t->step;
    for (uint64_t p = 0; p < len; p += (uint64_t)page_size) base[off + p] = 1;
    note_step(t, len, 0);
  }
  return 0;
}

/* populate: MAP_POPULATE per step; the kernel ignores population failures, mincore tells. */
static int allocate_populate(struct task *t, uint64_t bytes) {
  for (uint64_t off = 0; off < bytes; off += t->step) {
    uint64_t len = bytes - off < t->step ? bytes - off : t->step;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) {
      note_enomem(t, errno);
      return -1;
    }
    note_step(t, len, resident_pages(p, len));
  }
  return 0;
}

/* mlock: the charge comes from mlock's population, which reports a failed charge (as EAGAIN,
 * mlock's spelling of ENOMEM from the fault path, or ENOMEM). */
static int allocate_mlock(struct task *t, uint64_t bytes) {
  for (uint64_t off = 0; off < bytes; off += t->step) {
    uint64_t len = bytes - off < t->step ? bytes - off : t->step;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) fail(t, "mmap", errno, EXIT_SETUP);
    if (mlock(p, len) != 0) {
      int err = errno;
      if (err == ENOMEM || err == EAGAIN) {
        note_enomem(t, err);
        return -1;
      }
      fail(t, "mlock", err, EXIT_SETUP);
    }
    note_step(t, len, 0);
  }
  return 0;
}

/* tmpfs: write() into a shmem file charges the memcg from a syscall, which can fail ENOMEM.
 * The file stays (as a real tmpfs file would): its pages outlive the writer; the agent unmounts. */
static int allocate_tmpfs(struct task *t, int worker, uint64_t bytes) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s-%d-%d", tmpfs_dir, t->name, (int)getpid(), worker);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(t, "open-tmpfs", errno, EXIT_SETUP);
  /* one page of buffer on the stack: the clone may not malloc */
  char buf[4096];
  memset(buf, 'o', sizeof buf);
  for (uint64_t off = 0; off < bytes; off += t->step) {
    uint64_t len = bytes - off < t->step ? bytes - off : t->step;
    for (uint64_t done = 0; done < len;) {
      size_t chunk = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;
      ssize_t w = write(fd, buf, chunk);
      if (w < 0) {
        int err = errno;
        if (err == EINTR) continue;
        if (err == ENOMEM || err == ENOSPC) {
          atomic_fetch_add(&t->allocated, done);
          note_enomem(t, err);
          return -1;
        }
        fail(t, "write-tmpfs", err, EXIT_SETUP);
      }
      done += (uint64_t)w;
    }
    note_step(t, len, 0);
  }
  return 0;
}

static void allocate(struct task *t, int worker, uint64_t bytes) {
  switch (t->mode) {
    case MODE_TOUCH: allocate_touch(t, bytes); break;
    case MODE_POPULATE: allocate_populate(t, bytes); break;
    case MODE_MLOCK: allocate_mlock(t, bytes); break;
    case MODE_TMPFS: allocate_tmpfs(t, worker, bytes); break;
  }
  if (atomic_fetch_sub(&t->workers_left, 1) == 1)
    report(t, "done %llu", (unsigned long long)atomic_load(&t->allocated));
}

static void *worker_main(void *arg) {
  struct worker *w = arg;
  allocate(w->task, w->index, w->bytes);
  return NULL;
}

/* ---- clones sharing the mm ---------------------------------------------------------------- */

static long futex(_Atomic uint32_t *word, int op, uint32_t val) {
  return syscall(SYS_futex, (uint32_t *)word, op, val, NULL, NULL, 0);
}

static void wait_word(_Atomic uint32_t *word) {
  while (atomic_load(word) == 0) futex(word, FUTEX_WAIT_PRIVATE, 0);
}

static void set_word(_Atomic uint32_t *word) {
  atomic_store(word, 1);
  futex(word, FUTEX_WAKE_PRIVATE, INT_MAX);
}

static int clone_main(void *arg) {
  struct task *t = arg;
  /* pdeath_signal is not inherited by clone(); our parent is the agent's thread (CLONE_PARENT). */
  arm_parent_death(t);
  join_cgroup_and_set_adj(t);
  while (atomic_load(&t->go) == 0 && atomic_load(&t->quit) == 0) futex(&t->go, FUTEX_WAIT_PRIVATE, 0);
  if (atomic_load(&t->go) == 0) return EXIT_NO_START;
  atomic_store(&t->workers_left, 1);
  allocate(t, 0, t->allocate);
  wait_word(&t->quit);
  return EXIT_HELD;
}

static pid_t start_clone(struct task *owner, struct task *c) {
  char *stack = mmap(NULL, CLONE_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) fail(owner, "mmap-clone-stack", errno, EXIT_CLONE);
  /* CLONE_VM without CLONE_THREAD: a process of its own sharing our mm (MMF_PROC_SHARED). */
  pid_t pid = clone(clone_main, stack + CLONE_STACK, CLONE_VM | CLONE_PARENT | SIGCHLD, c);
  if (pid < 0) fail(owner, "clone", errno, EXIT_CLONE);
  report(owner, "clone %s %d", c->name, (int)pid);
  return pid;
}

/* ---- main --------------------------------------------------------------------------------- */

static void usage(void) {
  fprintf(stderr,
          "usage: oomlab-workload --name NAME --parent PID --procs CGROUP.PROCS --adj N --allocate BYTES\n"
          "         [--step BYTES] [--mode touch|populate|mlock|tmpfs] [--threads N] [--tmpfs-dir DIR]\n"
          "         [--clone name=B,procs=PATH,adj=N,allocate=BYTES,step=BYTES,mode=MODE]...\n");
  _exit(EXIT_USAGE);
}

static void start_workers(struct task *t) {
  static struct worker workers[MAX_THREADS];
  atomic_store(&t->workers_left, t->threads);
  uint64_t share = t->allocate / (uint64_t)t->threads;
  for (int i = 0; i < t->threads; i++) {
    workers[i] = (struct worker){t, i, i == t->threads - 1 ? t->allocate - share * (uint64_t)(t->threads - 1) : share};
    pthread_t th;
    int err = pthread_create(&th, NULL, worker_main, &workers[i]);
    if (err) fail(t, "pthread_create", err, EXIT_SETUP);
    pthread_detach(th);
  }
}

int main(int argc, char **argv) {
  static struct task self;
  static struct task clones[MAX_CLONES];
  int nclones = 0, have_parent = 0;
  init_task(&self);
  page_size = sysconf(_SC_PAGESIZE);

  static const struct option opts[] = {
      {"name", required_argument, 0, 'n'},     {"parent", required_argument, 0, 'P'},
      {"procs", required_argument, 0, 'p'},    {"adj", required_argument, 0, 'a'},
      {"allocate", required_argument, 0, 'A'}, {"step", required_argument, 0, 's'},
      {"mode", required_argument, 0, 'm'},     {"threads", required_argument, 0, 't'},
      {"tmpfs-dir", required_argument, 0, 'd'},{"clone", required_argument, 0, 'c'},
      {0, 0, 0, 0}};
  for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
    int pid;
    switch (o) {
      case 'n': snprintf(self.name, sizeof self.name, "%s", optarg); break;
      case 'P': if (parse_int(optarg, &pid)) usage(); parent_pid = pid; have_parent = 1; break;
      case 'p': snprintf(self.procs, sizeof self.procs, "%s", optarg); break;
      case 'a': if (parse_int(optarg, &self.adj)) usage(); break;
      case 'A': if (parse_size(optarg, &self.allocate)) usage(); break;
      case 's': if (parse_size(optarg, &self.step)) usage(); break;
      case 'm': if (parse_mode(optarg, &self.mode)) usage(); break;
      case 't': if (parse_int(optarg, &self.threads) || self.threads < 1 || self.threads > MAX_THREADS) usage(); break;
      case 'd': tmpfs_dir = optarg; break;
      case 'c':
        if (nclones == MAX_CLONES || parse_clone_spec(optarg, &clones[nclones])) usage();
        nclones++;
        break;
      default: usage();
    }
  }
  if (!have_parent || !self.procs[0] || self.step == 0 || optind != argc) usage();
  for (int i = 0; i < nclones; i++)
    if (clones[i].step == 0) usage();

  arm_parent_death(&self);
  join_cgroup_and_set_adj(&self);
  for (int i = 0; i < nclones; i++) start_clone(&self, &clones[i]);

  /* The command loop: the agent's bytes start us and our clones; EOF lets everybody go. */
  int started = 0;
  for (;;) {
    char cmd;
    ssize_t r = read(STDIN_FILENO, &cmd, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    if (cmd == 's' && !started) {
      started = 1;
      start_workers(&self);
    } else if (cmd >= 'a' && cmd < 'a' + nclones) {
      set_word(&clones[cmd - 'a'].go);
    }
  }
  for (int i = 0; i < nclones; i++) {
    set_word(&clones[i].quit);
    futex(&clones[i].go, FUTEX_WAKE_PRIVATE, INT_MAX); /* a clone never started waits on go */
  }
  _exit(started ? EXIT_HELD : EXIT_NO_START);
}
