package org.plenary.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own account as JSON, and the preferred language it may change. */
@RestController
@Tag(name = "Account")
class OwnAccountApiController {

  record LanguageRequest(@Schema(nullable = true, description = "One of en, fr, es, ru, zh, ar; null or empty to follow "
      + "the browser's Accept-Language again", example = "fr") String language) {}

  private final AccountDirectory accounts;

  OwnAccountApiController(AccountDirectory accounts) {
    this.accounts = accounts;
  }

  @Operation(operationId = "getOwnAccount", summary = "The signed-in account, with its preferred language")
  @GetMapping("/api/v1/account")
  @PreAuthorize("isAuthenticated()")
  AccountApiController.AccountResource show(@AuthenticationPrincipal PlenaryUser user) {
    long version = accounts.version(user.id());
    return AccountApiController.AccountResource.of(accounts.get(user.id()), version);
  }

  @Operation(operationId = "setOwnLanguage", summary = "Choose the preferred language of pages and mails "
      + "(problems of the API keep following Accept-Language)")
  @PutMapping("/api/v1/account/language")
  @PreAuthorize("isAuthenticated()")
  AccountApiController.AccountResource setLanguage(@AuthenticationPrincipal PlenaryUser user,
      @RequestBody LanguageRequest request) {
    accounts.changeLanguage(user.id(), request.language());
    long version = accounts.version(user.id());
    return AccountApiController.AccountResource.of(accounts.get(user.id()), version);
  }
}
