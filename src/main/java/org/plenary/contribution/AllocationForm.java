package org.plenary.contribution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The request for a document number, on the page and on the API. */
public class AllocationForm {

  @NotBlank(message = "{contribution.error.title}")
  @Size(max = 500, message = "{contribution.error.titleSize}")
  @org.plenary.shared.PastedLine
  private String title;

  @NotBlank(message = "{contribution.error.source}")
  @Size(max = 500, message = "{contribution.error.sourceSize}")
  private String source;

  /** Agenda items by their number on the agenda as it stands. */
  private List<Integer> agendaItems = new ArrayList<>();

  /** Agenda items by id (as the meeting resource gives them): stays true if the agenda changes meanwhile. */
  private List<Long> agendaItemIds = new ArrayList<>();

  @Size(max = 500)
  private String contact;

  /** Usernames of co-authors who may upload versions too, separated by commas or spaces. */
  @Size(max = 500)
  private String coauthors;

  Allocation toAllocation() {
    return new Allocation(title.strip(), source.strip(), agendaItems == null ? List.of() : agendaItems,
        contact == null || contact.isBlank() ? null : contact.strip(),
        coauthors == null ? List.of() : Arrays.stream(coauthors.split("[,\\s]+")).filter(s -> !s.isBlank()).toList(),
        agendaItemIds == null ? List.of() : agendaItemIds);
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public List<Integer> getAgendaItems() {
    return agendaItems;
  }

  public void setAgendaItems(List<Integer> agendaItems) {
    this.agendaItems = agendaItems;
  }

  public List<Long> getAgendaItemIds() {
    return agendaItemIds;
  }

  public void setAgendaItemIds(List<Long> agendaItemIds) {
    this.agendaItemIds = agendaItemIds;
  }

  public String getContact() {
    return contact;
  }

  public void setContact(String contact) {
    this.contact = contact;
  }

  public String getCoauthors() {
    return coauthors;
  }

  public void setCoauthors(String coauthors) {
    this.coauthors = coauthors;
  }
}
