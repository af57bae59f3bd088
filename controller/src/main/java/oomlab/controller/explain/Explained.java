package oomlab.controller.explain;

import oomlab.agent.oomreport.BadnessRanking;
import oomlab.agent.oomreport.OomReport;

/** One OOM event of a log with its badness ranking (null without a task table), numbered from 1 in log order. */
public record Explained(int number, String source, OomReport report, BadnessRanking ranking) {
  static Explained of(int number, String source, OomReport report) {
    return new Explained(number, source, report, BadnessRanking.of(report));
  }
}
