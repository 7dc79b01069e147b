package org.plenary.meeting;

import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.plenary.shared.Languages;

/** A meeting's practical information in one more language, as edited on its page and sent to the API. */
public class MeetingTranslationRow {

  @Size(max = 100_000)
  @org.plenary.shared.MultiLine
  private String practicalInfo;

  MeetingTranslation toTranslation() {
    return new MeetingTranslation(practicalInfo == null || practicalInfo.isBlank() ? null : practicalInfo.strip());
  }

  /** A row per language but the working one, holding what was typed, else what the meeting has. */
  static Map<String, MeetingTranslationRow> offered(Map<String, MeetingTranslationRow> typed,
      Map<String, MeetingTranslation> existing, Locale working) {
    var rows = new LinkedHashMap<String, MeetingTranslationRow>();
    for (Locale language : Languages.SUPPORTED) {
      String tag = language.getLanguage();
      if (!language.equals(working)) {
        MeetingTranslationRow row = typed == null ? null : typed.get(tag);
        if (row == null) {
          row = new MeetingTranslationRow();
          MeetingTranslation saved = existing.get(tag);
          row.practicalInfo = saved == null ? null : saved.practicalInfo();
        }
        rows.put(tag, row);
      }
    }
    return rows;
  }

  public String getPracticalInfo() {
    return practicalInfo;
  }

  public void setPracticalInfo(String practicalInfo) {
    this.practicalInfo = practicalInfo;
  }
}
