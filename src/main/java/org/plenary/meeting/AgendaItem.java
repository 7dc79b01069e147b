package org.plenary.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Map;
import org.plenary.group.ContentLanguages;
import org.plenary.group.Shown;

/**
 * One item of the agenda. Its {@code id} stays the same whatever is edited around it (documents
 * are filed under it); its number is its place in the list. An item without id is a new one. Its
 * title may be given in other languages ({@code translations}, by tag); null keeps those it has.
 */
public record AgendaItem(@Schema(nullable = true) Long id, String title, @Schema(nullable = true) String description,
    @Schema(nullable = true, description = "The title in other languages, by language tag (fr, es, ru, zh, ar, en); "
        + "title is in the group's working language. Left out on a replace, the item keeps its translations.")
    Map<String, String> translations) {

  public AgendaItem(Long id, String title, String description) {
    this(id, title, description, null);
  }

  /** A new item, not yet on any agenda. */
  public AgendaItem(String title, String description) {
    this(null, title, description, null);
  }

  /** The title in the reader's language when given, else in the group's working language. */
  public Shown<String> title(Locale reader, Locale working) {
    return ContentLanguages.pick(title, working, translations == null ? Map.of() : translations, t -> t, reader);
  }
}
