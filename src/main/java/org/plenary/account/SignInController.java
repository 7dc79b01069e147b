package org.plenary.account;

import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import java.time.Clock;
import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in and sign-out pages; Spring Security handles their forms' POSTs. */
@PageController
class SignInController {

  private final Clock clock;
  private final Words words;
  private final boolean demo;

  SignInController(Clock clock, Words words, Environment environment) {
    this.words = words;
    this.clock = clock;
    // A newcomer who started --demo and opened the page learns the demo's sign-ins there, not only in the README.
    this.demo = environment.matchesProfiles("demo");
  }

  /**
   * {@code ?locked=<epoch second>} says until when sign-ins are refused; {@code ?ended=<reason>}
   * why a session was ended (account disabled, password changed elsewhere).
   */
  @GetMapping("/sign-in")
  String signIn(@RequestParam(required = false) String locked, @RequestParam(required = false) String busy,
      @RequestParam(required = false) String ended, Model model) {
    model.addAttribute("demo", demo);
    if (busy != null) {
      model.addAttribute("lockedMessage", SignInResult.LockedOut.busyMessage(words));
    }
    if (locked != null) {
      Instant now = clock.instant();
      Instant until = locked.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(locked)) : now;
      // The time comes from the address bar: shown only when it is a plausible lock-out, never one of days.
      boolean plausible = until.isAfter(now) && until.isBefore(now.plus(java.time.Duration.ofDays(1)));
      model.addAttribute("lockedMessage", SignInResult.LockedOut.message(words, plausible ? until : now, now));
    }
    if (ended != null) {
      Standing.Ended.ofCode(ended).ifPresent(reason -> model.addAttribute("endedMessage", words.get("account.ended." + reason.code())));
    }
    return "account/sign-in";
  }

  /** Signing out is a POST with a CSRF token; someone who types the address gets the button. */
  @GetMapping("/sign-out")
  String signOut() {
    return "account/sign-out";
  }
}
