package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class MappingTest {
  @Test
  void mincoreReportsExactlyTheTouchedPages() throws Exception {
    long page = Mapping.PAGE_SIZE;
    try (Mapping m = Mapping.anonymous(64 * page, 0)) {
      // A fresh anonymous mapping has no resident page (no fault yet, and no THP at this size).
      assertThat(m.residentPageCount()).isZero();
      m.touch(8 * page, 4 * page);
      boolean[] resident = m.residentPages();
      assertThat(resident).hasSize(64);
      for (int i = 0; i < 64; i++) assertThat(resident[i]).as("page %d", i).isEqualTo(i >= 8 && i < 12);
      m.madvise(8 * page, 4 * page, Mapping.MADV_DONTNEED);
      assertThat(m.residentPageCount()).isZero();
    }
  }

  @Test
  void mlockMakesPagesResident() throws Exception {
    long page = Mapping.PAGE_SIZE;
    try (Mapping m = Mapping.anonymous(16 * page, 0)) {
      m.mlock(0, 16 * page);
      assertThat(m.residentPageCount()).isEqualTo(16);
      m.munlock(0, 16 * page);
    }
  }

  @Test
  void madviseWithUnknownAdviceIsInvalidArgument() throws Exception {
    try (Mapping m = Mapping.anonymous(Mapping.PAGE_SIZE, 0)) {
      assertThatThrownBy(() -> m.madvise(0, Mapping.PAGE_SIZE, 9999))
          .isInstanceOf(NativeException.InvalidArgument.class)
          .hasMessageStartingWith("madvise 0x")
          .hasMessageContaining("advice 9999");
    }
  }

  @Test
  void accessAfterCloseIsRefusedAndCloseIsIdempotent() throws Exception {
    Mapping m = Mapping.anonymous(Mapping.PAGE_SIZE, 0);
    m.segment().set(ValueLayout.JAVA_INT, 0, 42);
    m.close();
    m.close();
    assertThatThrownBy(() -> m.segment().get(ValueLayout.JAVA_INT, 0)).isInstanceOf(IllegalStateException.class);
  }
}
