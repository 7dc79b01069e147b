package org.plenary.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accounts as they stand now, read again on every request and FTP command. A read is reused for
 * at most {@code plenary.sign-in.recheck} (2 s by default) so that a page with many parts does not
 * cost three queries each; a change made on this node is seen at once, one made by another node
 * sharing the database within that time.
 */
@Component
class CurrentAccounts {

  private final Accounts accounts;
  private final Cache<AccountId, Optional<AccountState>> recent;

  CurrentAccounts(Accounts accounts, @Value("${plenary.sign-in.recheck:2s}") Duration recheck) {
    this.accounts = accounts;
    this.recent = Caffeine.newBuilder().expireAfterWrite(recheck).maximumSize(10_000).build();
  }

  /** The enabled account with its roles now; nothing when it is disabled or gone. */
  Optional<AccountState> get(AccountId id) {
    return recent.get(id, accounts::state);
  }

  /** Forgets the account now and again once the current transaction has ended, so no reader keeps the old state. */
  void changed(AccountId id) {
    recent.invalidate(id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          recent.invalidate(id);
        }
      });
    }
  }
}
