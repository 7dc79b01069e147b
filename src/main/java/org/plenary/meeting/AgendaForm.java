package org.plenary.meeting;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A meeting's agenda as edited on its page and sent to the API: the items in order, each with the
 * id it has (absent for a new item), so that documents stay on their items whatever moves.
 */
public class AgendaForm {

  // Also under the name a meeting's GET gives its items ("agenda"): sent back under that name they were
  // ignored, and the PUT, which replaces the agenda, removed every item.
  @Valid
  @Size(max = 200, message = "{meeting.form.agenda.size}")
  @JsonAlias("agenda")
  private List<ItemRow> items = new ArrayList<>();

  /**
   * The version of the meeting its editor read (its GET's ETag without quotes and {@code v}, the edit page's hidden
   * field): saved only if still current, else refused (412) with nothing saved. None replaces whatever is current.
   */
  @io.swagger.v3.oas.annotations.media.Schema(description = "the meeting's version as read (12 for the ETag \"v12\");"
      + " the change is made only if it is still current (else 412). If-Match, when sent, is used instead.")
  private Long editVersion;

  public Long getEditVersion() {
    return editVersion;
  }

  public void setEditVersion(Long editVersion) {
    this.editVersion = editVersion;
  }

  /** One agenda item: its id when it is already on the agenda (kept through every edit), none when new. */
  public static class ItemRow {
    private Long id;

    @NotBlank(message = "{meeting.form.agenda.title.required}")
    @Size(max = 500, message = "{meeting.form.agenda.title.size}")
    private String title;

    @Size(max = 10_000)
    @org.plenary.shared.MultiLine
    private String description;

    /** The title in other languages, by tag ("fr"); null keeps those the item has. */
    private Map<String, String> translations;

    public Map<String, String> getTranslations() {
      return translations;
    }

    public void setTranslations(Map<String, String> translations) {
      this.translations = translations;
    }

    public Long getId() {
      return id;
    }

    public void setId(Long id) {
      this.id = id;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }
  }

  static AgendaForm of(Meeting meeting) {
    var form = new AgendaForm();
    meeting.agenda().forEach(item -> {
      var row = new ItemRow();
      row.id = item.id();
      row.title = item.title();
      row.description = item.description();
      row.translations = item.translations() == null ? null : new LinkedHashMap<>(item.translations());
      form.items.add(row);
    });
    return form;
  }

  List<AgendaItem> toAgenda() {
    return items.stream()
        .map(row -> new AgendaItem(row.id, row.title == null ? null : row.title.strip(),
            row.description == null || row.description.isBlank() ? null : row.description.strip(), row.translations))
        .toList();
  }

  /** Gives every item a field per language but the working one, for the agenda page. */
  void offerTranslations(java.util.Locale working) {
    for (ItemRow row : items) {
      var offered = new LinkedHashMap<String, String>();
      for (java.util.Locale language : org.plenary.shared.Languages.SUPPORTED) {
        if (!language.equals(working)) {
          String tag = language.getLanguage();
          offered.put(tag, row.translations == null ? null : row.translations.get(tag));
        }
      }
      row.translations = offered;
    }
  }

  public List<ItemRow> getItems() {
    return items;
  }

  public void setItems(List<ItemRow> items) {
    this.items = items;
  }
}
