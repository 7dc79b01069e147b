package org.plenary.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads an enabled account as a principal, without its password (tests sign in through it). The
 * sign-in form itself goes through {@link PasswordSignIn}, which checks the password.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

  private final Accounts accounts;
  private final CurrentAccounts current;

  AccountUserDetailsService(Accounts accounts, CurrentAccounts current) {
    this.accounts = accounts;
    this.current = current;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts.findByUsername(username).flatMap(account -> current.get(account.id()))
        .map(state -> new PlenaryUser(state, null))
        .orElseThrow(() -> new UsernameNotFoundException("Wrong username or password."));
  }
}
