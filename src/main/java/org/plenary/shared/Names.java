package org.plenary.shared;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Sorting people's and organizations' names as a reader of the language expects (ICU4J's
 * collation: accents after the plain letter in French, Ё with Е in Russian, pinyin order in Chinese),
 * not by code point. Case and accents decide only between otherwise equal names.
 */
public final class Names {

  private Names() {}

  /**
   * A name, an address or a code as it is stored: without the spaces around it, in Unicode's composed form
   * (NFC), so that "José" typed with a combining accent is stored as the "José" typed with "é".
   */
  public static String clean(String text) {
    return text == null ? null : java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
  }

  /**
   * The form in which names that must be unique are compared: {@link #clean}, then case-folded (full
   * folding, Unicode's, not one language's lower case) and composed again. "José" in NFD and in NFC,
   * "Alice@Example.org" and "alice@example.org", "Straße" and "STRASSE" have one key.
   */
  public static String key(String text) {
    if (text == null) {
      return null;
    }
    return java.text.Normalizer.normalize(com.ibm.icu.lang.UCharacter.foldCase(clean(text), true),
        java.text.Normalizer.Form.NFC);
  }

  /** A comparator of names in {@code locale}'s order. */
  public static Comparator<String> order(Locale locale) {
    Collator collator = Collator.getInstance(ULocale.forLocale(locale == null ? Languages.DEFAULT : locale));
    collator.setStrength(Collator.TERTIARY);
    Collator frozen = collator.freeze();
    return (a, b) -> frozen.compare(a == null ? "" : a, b == null ? "" : b);
  }

  /**
   * The ICU sort key of {@code name} in {@code locale}'s order ({@link #order}'s collation): byte arrays compared
   * unsigned, one byte after another (as PostgreSQL's {@code bytea} and H2's {@code BINARY VARYING} compare), come
   * in the order {@link #order} gives the names, so a database can sort and page by a stored key.
   */
  public static byte[] sortKey(String name, Locale locale) {
    Collator collator = Collator.getInstance(ULocale.forLocale(locale));
    collator.setStrength(Collator.TERTIARY);
    return collator.getCollationKey(name == null ? "" : name).toByteArray();
  }

  /**
   * The version of the collations {@link #sortKey} uses in the six languages: a stored key made by another version
   * (ICU upgraded) may not order as this one's, so stored keys are made again when it changes.
   */
  public static String sortVersion() {
    return SortVersion.VALUE;
  }

  /** {@link #sortVersion()}, made once. */
  private static final class SortVersion {
    static final String VALUE = made();

    private static String made() {
      var version = new StringBuilder();
      for (Locale locale : Languages.SUPPORTED) {
        version.append(Collator.getInstance(ULocale.forLocale(locale)).getVersion()).append(' ');
      }
      return Integer.toHexString(version.toString().hashCode()) + "-" + com.ibm.icu.util.VersionInfo.ICU_VERSION;
    }
  }

  /** {@code items} sorted by the name {@code name} gives, in the reader's language ({@link Words#reader()}). */
  public static <T> List<T> sorted(List<T> items, Function<T, String> name) {
    return sorted(items, name, Words.reader());
  }

  /** {@code items} sorted by the name {@code name} gives, in {@code locale}'s order. */
  public static <T> List<T> sorted(List<T> items, Function<T, String> name, Locale locale) {
    Comparator<String> order = order(locale);
    return items.stream().sorted(Comparator.comparing(name, order)).toList();
  }
}
