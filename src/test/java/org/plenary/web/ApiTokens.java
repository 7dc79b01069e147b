package org.plenary.web;

import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.springframework.boot.test.context.TestComponent;

/** Personal access tokens for the demo sign-ins, as API tests send them. */
@TestComponent
public class ApiTokens {

  private final AccessTokens tokens;
  private final AccountDirectory accounts;

  ApiTokens(AccessTokens tokens, AccountDirectory accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
  }

  public String bearer(String username) {
    return "Bearer " + tokens.issue(accounts.find(username).orElseThrow().id(), "test").token();
  }
}
