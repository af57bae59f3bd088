package oomlab.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFdTest {
  @Test
  void twoWritesThenOneReadReturnsTheSumAndResets() throws Exception {
    try (EventFd efd = EventFd.create(0, EventFd.EFD_NONBLOCK)) {
      efd.add(3);
      efd.add(4);
      assertThat(efd.read()).isEqualTo(7);
      assertThat(efd.read()).isZero(); // reset by the read; non-blocking: no data
    }
  }

  @Test
  void semaphoreModeReadsOneAtATime() throws Exception {
    try (EventFd efd = EventFd.create(2, EventFd.EFD_NONBLOCK | EventFd.EFD_SEMAPHORE)) {
      assertThat(efd.read()).isEqualTo(1);
      assertThat(efd.read()).isEqualTo(1);
      assertThat(efd.read()).isZero();
    }
  }

  @Test
  void epollWakesOnEventfdWriteAndCarriesTheDataWord() throws Exception {
    try (Epoll ep = Epoll.create(); EventFd a = EventFd.create(0, EventFd.EFD_NONBLOCK);
        EventFd b = EventFd.create(0, EventFd.EFD_NONBLOCK)) {
      ep.add(a.fd(), Epoll.EPOLLIN, 0xA1L);
      ep.add(b.fd(), Epoll.EPOLLIN, 0xB2_0000_0000L); // high bits survive the packed layout
      assertThat(ep.await(8, 0)).isEmpty();
      b.add(1);
      assertThat(ep.await(8, 5_000)).containsExactly(new Epoll.Event(Epoll.EPOLLIN, 0xB2_0000_0000L));
      assertThat(b.read()).isEqualTo(1);
      assertThat(ep.await(8, 0)).isEmpty(); // level-triggered: nothing after the read
      ep.delete(b.fd());
      b.add(1);
      assertThat(ep.await(8, 0)).isEmpty();
    }
  }

  @Test
  void epollWakesABlockedWaiterFromAnotherThread() throws Exception {
    try (Epoll ep = Epoll.create(); EventFd efd = EventFd.create(0, EventFd.EFD_NONBLOCK)) {
      ep.add(efd.fd(), Epoll.EPOLLIN, 7);
      Thread writer = Thread.ofPlatform().start(() -> {
        try {
          Thread.sleep(50);
          efd.add(5);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      var events = ep.await(4, 10_000);
      writer.join();
      assertThat(events).extracting(Epoll.Event::data).containsExactly(7L);
      assertThat(efd.read()).isEqualTo(5);
    }
  }
}
