package oomlab.agent.oomreport;

/**
 * One {@code Killed process} line with the report context it belongs to. Memcg paths are relative
 * to the memory hierarchy's root, as the kernel prints them.
 *
 * @param message the line's prefix ({@code Memory cgroup out of memory}, {@code Out of memory});
 *     null before 5.0, where it was on the {@code Kill process} line
 * @param constraint as printed by the 4.19+ summary; otherwise derived (see {@link #constraintDerived})
 * @param constraintDerived the report did not print it: {@code CONSTRAINT_MEMCG} from a memcg
 *     report, {@code CONSTRAINT_NONE} from a global one (before 4.19 a cpuset or mempolicy OOM
 *     reads the same), or corrected from 5.0/5.1's {@code CONSTRAINT_NONE} on memcg OOMs
 * @param oomMemcg the memcg whose limit was hit; null for a global OOM or when not printed
 * @param taskMemcg the victim's memcg; null when not printed (oom.group members)
 * @param groupMember killed because it is in the victim's {@code memory.oom.group}, not chosen
 * @param anonRssKb null only on the oldest kernels' bare {@code Killed process N (comm)}
 */
public record Kill(long pid, String comm, String message, String constraint, boolean constraintDerived, String oomMemcg,
    String taskMemcg, boolean groupMember, Long uid, Long totalVmKb, Long anonRssKb, Long fileRssKb, Long shmemRssKb,
    Long pgtablesKb, Integer oomScoreAdj) {}
