package org.plenary.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.account.Account;
import org.plenary.account.AccountDirectory;
import org.plenary.shared.Languages;
import org.springframework.stereotype.Component;

/**
 * Groups the addresses of a mail by the language each recipient reads: the preferred language of
 * the account with that address, else English (a mailing list, a participant without an account).
 */
@Component
class Recipients {

  private final AccountDirectory accounts;

  Recipients(AccountDirectory accounts) {
    this.accounts = accounts;
  }

  /** The addresses by language, in the order of the first address of each language. */
  Map<Locale, List<String>> byLanguage(List<String> addresses) {
    Map<String, Locale> known = new LinkedHashMap<>();
    // The directory has no look-up by address; a mail reads the accounts once, not once per address.
    for (Account account : accounts.all()) {
      if (account.language() != null && account.email() != null) {
        known.putIfAbsent(account.email().toLowerCase(Locale.ROOT),
            Languages.nearest(Locale.forLanguageTag(account.language())));
      }
    }
    var grouped = new LinkedHashMap<Locale, List<String>>();
    for (String address : addresses) {
      Locale language = known.getOrDefault(address.toLowerCase(Locale.ROOT), Languages.DEFAULT);
      grouped.computeIfAbsent(language, l -> new java.util.ArrayList<>()).add(address);
    }
    return grouped;
  }
}
