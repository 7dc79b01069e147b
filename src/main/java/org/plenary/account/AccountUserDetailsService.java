package org.plenary.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads accounts for the sign-in form. */
@Component
class AccountUserDetailsService implements UserDetailsService {

  private final Accounts accounts;

  AccountUserDetailsService(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts.findByUsername(username)
        .map(account -> new PlenaryUser(account, accounts.focalPointOf(account.id()),
            accounts.passwordHash(account.id()).orElseThrow()))
        .orElseThrow(() -> new UsernameNotFoundException("Wrong username or password."));
  }
}
