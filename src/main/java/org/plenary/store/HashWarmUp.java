package org.plenary.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Has the JIT compile SHA-256 while the server is idle after start-up. Until the optimizing
 * compiler has it (behind everything else the start queued), every upload is hashed several times
 * slower, and a burst of uploads soon after a start would pay for it.
 */
@Component
class HashWarmUp {

  private static final Logger log = LoggerFactory.getLogger(HashWarmUp.class);

  @EventListener(ApplicationReadyEvent.class)
  void warmUpHashing() {
    Thread warmUp = new Thread(() -> {
      try {
        MessageDigest sha256 = PartFile.sha256();
        ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
        for (int i = 0; i < 1024; i++) {
          sha256.update(block.clear());
          if (i % 64 == 63) {
            sha256.digest();
            Thread.sleep(20);
          }
        }
      } catch (InterruptedException e) {
        log.debug("SHA-256 warm-up stopped: {}", e.toString());
      }
    }, "store-hash-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }
}
