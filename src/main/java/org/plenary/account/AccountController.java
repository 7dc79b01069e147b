package org.plenary.account;

import jakarta.validation.constraints.Size;
import org.plenary.shared.Languages;
import org.plenary.shared.PageController;
import org.plenary.shared.Words;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.plenary.shared.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own page: password and personal access tokens. */
@PageController
class AccountController {

  private final AccountDirectory directory;
  private final AccessTokens tokens;
  private final OrganizationDirectory organizations;
  private final Words words;

  AccountController(AccountDirectory directory, AccessTokens tokens, OrganizationDirectory organizations, Words words) {
    this.words = words;
    this.directory = directory;
    this.tokens = tokens;
    this.organizations = organizations;
  }

  @GetMapping("/account")
  String show(@AuthenticationPrincipal PlenaryUser user, Model model) {
    if (!model.containsAttribute("passwordForm")) {
      model.addAttribute("passwordForm", new PasswordForm());
    }
    Account account = directory.get(user.id());
    model.addAttribute("account", account);
    model.addAttribute("organization", organizations.find(account.organizationId()).orElse(null));
    model.addAttribute("tokens", tokens.list(user.id()));
    model.addAttribute("languages", Languages.SUPPORTED);
    return "account/account";
  }

  @PostMapping("/account/password")
  String changePassword(@AuthenticationPrincipal PlenaryUser user, @Valid @ModelAttribute PasswordForm passwordForm,
      BindingResult result, Model model, HttpServletRequest request, RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        directory.changePassword(user.id(), request.getRemoteAddr(), passwordForm.getCurrentPassword(), passwordForm.getNewPassword());
        // Every session opened with the old password ends (their credentials version is behind), this one too.
        request.getSession().invalidate();
        return "redirect:/sign-in?password-changed";
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      }
    }
    return show(user, model);
  }

  /** The preferred language (one of the six, or blank to follow the browser); the next page is in it. */
  @PostMapping("/account/language")
  String changeLanguage(@AuthenticationPrincipal PlenaryUser user, @RequestParam(defaultValue = "") String language,
      RedirectAttributes redirect) {
    directory.changeLanguage(user.id(), language);
    String saved = language.isBlank() ? Words.reader().toLanguageTag() : language;
    redirect.addFlashAttribute("notice", words.in(Languages.nearest(java.util.Locale.forLanguageTag(saved)), "account.language.saved"));
    return "redirect:/account";
  }

  @PostMapping("/account/tokens")
  String createToken(@AuthenticationPrincipal PlenaryUser user,
      @Valid @ModelAttribute TokenForm form, BindingResult bound, RedirectAttributes redirect) {
    if (org.plenary.shared.Refused.flashed(bound, redirect, "token-")) {
      return "redirect:/account";
    }
    String name = form.name() == null ? "" : form.name();
    String label = name.isBlank() ? words.get("account.tokens.default") : name.strip();
    redirect.addFlashAttribute("issuedToken", tokens.issue(user.id(), org.plenary.shared.CodePoints.first(label, 100)));
    return "redirect:/account";
  }

  /** A new token's name: one line, as long as its column. */
  record TokenForm(@Size(max = 100) String name) {}

  @PostMapping("/account/tokens/{id}/revoke")
  String revokeToken(@AuthenticationPrincipal PlenaryUser user, @PathVariable long id) {
    tokens.revoke(user.id(), id);
    return "redirect:/account";
  }
}
