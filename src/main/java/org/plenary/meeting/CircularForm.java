package org.plenary.meeting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The circular's page form: number, date, signature and added paragraphs (one textarea, paragraphs
 * separated by a blank line). A bean with setters, as Thymeleaf's {@code th:field} binds, like the
 * other page forms.
 */
public class CircularForm {

  private String number;
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate dated;
  private String signatory;
  private String signatoryTitle;
  @org.plenary.shared.MultiLine
  private String paragraphs;
  /** The draft's version its editor read (the edit page's hidden field); null for none. */
  private Long editVersion;

  static CircularForm of(Circular c) {
    var form = new CircularForm();
    form.number = c.number();
    form.dated = c.dated();
    form.signatory = c.signatory();
    form.signatoryTitle = c.signatoryTitle();
    form.paragraphs = String.join("\n\n", c.paragraphs());
    return form;
  }

  CircularDraft toDraft() {
    List<String> added = paragraphs == null ? List.of()
        : Arrays.stream(paragraphs.replace("\r\n", "\n").split("\n\\s*\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    return new CircularDraft(number, dated, signatory, signatoryTitle, added);
  }

  public Long getEditVersion() {
    return editVersion;
  }

  public void setEditVersion(Long editVersion) {
    this.editVersion = editVersion;
  }

  public String getNumber() {
    return number;
  }

  public void setNumber(String number) {
    this.number = number;
  }

  public LocalDate getDated() {
    return dated;
  }

  public void setDated(LocalDate dated) {
    this.dated = dated;
  }

  public String getSignatory() {
    return signatory;
  }

  public void setSignatory(String signatory) {
    this.signatory = signatory;
  }

  public String getSignatoryTitle() {
    return signatoryTitle;
  }

  public void setSignatoryTitle(String signatoryTitle) {
    this.signatoryTitle = signatoryTitle;
  }

  public String getParagraphs() {
    return paragraphs;
  }

  public void setParagraphs(String paragraphs) {
    this.paragraphs = paragraphs;
  }
}
