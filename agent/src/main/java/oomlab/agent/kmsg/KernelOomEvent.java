package oomlab.agent.kmsg;

/** What {@link OomReportAssembler} gets out of the kernel log: a kill, or the reaper finishing a victim. */
public sealed interface KernelOomEvent permits KernelOomKill, OomReaperReaped {
  long pid();
}
