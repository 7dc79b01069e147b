package org.plenary.shared;

import java.util.Collection;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@link Listed} for templates, as {@code @listed}, in the reader's language ({@link Words#reader()}): a page
 * enumerates editors, objections or document numbers with {@code ${@listed.items(list)}}, never with
 * {@code #strings.listJoin(list, ', ')}, which writes a Latin comma in Arabic and Chinese.
 */
@Component("listed")
public class TemplateLists {

  private final MessageSource messages;

  public TemplateLists(MessageSource messages) {
    this.messages = messages;
  }

  /** Items of one kind: "a, b", "a، b", "a、b". */
  public String items(Collection<?> items) {
    return Listed.items(messages, Words.reader(), strings(items));
  }

  /** Clauses: "a; b", "a\u202f; b", "a؛ b", "a；b". */
  public String clauses(Collection<?> clauses) {
    return Listed.clauses(messages, Words.reader(), strings(clauses));
  }

  private static Collection<String> strings(Collection<?> values) {
    return values == null ? java.util.List.of() : values.stream().filter(Objects::nonNull).map(String::valueOf).toList();
  }
}
