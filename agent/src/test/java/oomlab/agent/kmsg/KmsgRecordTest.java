package oomlab.agent.kmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsgRecordTest {
  private static List<String> fixture() throws Exception {
    try (InputStream in = KmsgRecordTest.class.getResourceAsStream("/kmsg/records-6.18-memcg-oom.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void parsesRecordsCopiedFromAMemcgOomOn618() throws Exception {
    List<KmsgRecord> records = fixture().stream().map(KmsgRecord::parse).toList();
    assertThat(records).hasSize(12);
    KmsgRecord kill = records.get(1);
    assertThat(kill.priority()).isEqualTo(6);
    assertThat(kill.seq()).isEqualTo(541);
    assertThat(kill.usec()).isEqualTo(460866750L);
    assertThat(kill.monoNs()).isEqualTo(460866750_000L);
    assertThat(kill.message()).startsWith("oom-kill:constraint=CONSTRAINT_MEMCG,").endsWith("pid=9211,uid=0");
    assertThat(records.get(2).level()).isEqualTo(3);
    assertThat(records.get(6).message()).isEqualTo(" <TASK>"); // leading blank kept: it is part of the text
    assertThat(records).extracting(KmsgRecord::seq).isSorted();
  }

  @Test
  void dropsDictionaryLinesAndAcceptsExtraPrefixFields() {
    KmsgRecord r = KmsgRecord.parse("14,1234,5678,-,caller=T42;oomlab: hello\n SUBSYSTEM=usb\n DEVICE=c189:1\n");
    assertThat(r).isEqualTo(new KmsgRecord(14, 1234, 5678, "oomlab: hello"));
    assertThat(r.level()).isEqualTo(6);
  }

  @Test
  void keepsSemicolonsInTheMessage() {
    assertThat(KmsgRecord.parse("6,1,2,c;a;b").message()).isEqualTo("a;b");
  }

  @Test
  void rejectsWhatIsNotARecord() {
    assertThatThrownBy(() -> KmsgRecord.parse("no separator")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without ';'");
    assertThatThrownBy(() -> KmsgRecord.parse("6,1;short prefix")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prio,seq,usec,flags");
    assertThatThrownBy(() -> KmsgRecord.parse("6,x,2,-;text")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not numeric");
  }
}
