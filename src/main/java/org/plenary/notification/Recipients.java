package org.plenary.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    // Only the recipients' accounts, in one query: reading every account (and its roles) for each mail
    // cost a thousand queries a mail once a meeting had a thousand participants.
    return byLanguage(addresses, languages(addresses));
  }

  /** The preferred language of each account among these addresses, by address in lower case, in one query. */
  Map<String, String> languages(Collection<String> addresses) {
    return accounts.languagesByEmail(addresses);
  }

  /** The addresses by language, as {@code known} (from {@link #languages}) says; English for the others. */
  static Map<Locale, List<String>> byLanguage(List<String> addresses, Map<String, String> known) {
    var grouped = new LinkedHashMap<Locale, List<String>>();
    for (String address : addresses) {
      String tag = known.get(address.toLowerCase(Locale.ROOT));
      Locale language = tag == null ? Languages.DEFAULT : Languages.nearest(Locale.forLanguageTag(tag));
      grouped.computeIfAbsent(language, l -> new java.util.ArrayList<>()).add(address);
    }
    return grouped;
  }
}
