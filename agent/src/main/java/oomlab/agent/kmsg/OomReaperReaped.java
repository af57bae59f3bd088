package oomlab.agent.kmsg;

/**
 * The oom_reaper unmapped a victim's anonymous memory before the victim exited ({@code
 * oom_reaper: reaped process ...}, 4.6+): what is left of its RSS afterwards.
 */
public record OomReaperReaped(long pid, String comm, long anonRssKb, long fileRssKb, long shmemRssKb) implements KernelOomEvent {}
