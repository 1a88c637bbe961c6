package dev.traced.aspects;

import dev.traced.annotations.Traced;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hand-offs through the JDK 21 thread API, called directly (so the call join points exist);
 * compiled and woven only when the build targets release 25 (CI's JDK 25 run).
 */
class VirtualThreadFixture {

  @Traced(name = "threadBuilders")
  void threadBuilders(HandOffFixture fixture) throws Exception {
    Thread.ofVirtual().start(() -> fixture.task(1)).join();
    Thread.startVirtualThread(() -> fixture.task(2)).join();
    Thread platform = Thread.ofPlatform().unstarted(() -> fixture.task(3));
    platform.start();
    platform.join();
    try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      virtual.submit(() -> fixture.task(4)).get();
    }
    Thread fromFactory = Thread.ofVirtual().factory().newThread(() -> fixture.task(5));
    fromFactory.start();
    fromFactory.join();
  }
}
