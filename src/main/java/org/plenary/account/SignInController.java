package org.plenary.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in and sign-out pages; Spring Security handles their forms' POSTs. */
@Controller
class SignInController {

  @GetMapping("/sign-in")
  String signIn() {
    return "account/sign-in";
  }

  /** Signing out is a POST with a CSRF token; someone who types the address gets the button. */
  @GetMapping("/sign-out")
  String signOut() {
    return "account/sign-out";
  }
}
