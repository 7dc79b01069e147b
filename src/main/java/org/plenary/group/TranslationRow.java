package org.plenary.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * A group's name and terms of reference in one more language, as edited on the group's page and
 * sent to the API. Blank fields are untranslated: the page shows the working language there.
 */
public class TranslationRow {

  @Size(max = 200)
  private String name;

  @Valid
  @Size(max = 100)
  private List<Clause> termsOfReference = new ArrayList<>();

  /** One clause in this language, at the place of the working language's clause. */
  public static class Clause {
    @Size(max = 200)
    private String heading;

    @Size(max = 100_000)
    @org.plenary.shared.MultiLine
    private String body;

    public String getHeading() {
      return heading;
    }

    public void setHeading(String heading) {
      this.heading = heading;
    }

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }
  }

  static TranslationRow of(GroupTranslation translation, int clauses) {
    var row = new TranslationRow();
    row.name = translation == null ? null : translation.name();
    for (int i = 0; i < clauses; i++) {
      var clause = new Clause();
      Section s = translation == null ? null : translation.clause(i);
      clause.heading = s == null ? null : s.heading();
      clause.body = s == null ? null : s.body();
      row.termsOfReference.add(clause);
    }
    return row;
  }

  GroupTranslation toTranslation() {
    return new GroupTranslation(name == null || name.isBlank() ? null : name.strip(), termsOfReference.stream()
        .map(c -> c == null || c.heading == null || c.heading.isBlank() ? new Section("", null)
            : new Section(c.heading.strip(), c.body == null ? "" : c.body))
        .toList());
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<Clause> getTermsOfReference() {
    return termsOfReference;
  }

  public void setTermsOfReference(List<Clause> termsOfReference) {
    this.termsOfReference = termsOfReference;
  }
}
