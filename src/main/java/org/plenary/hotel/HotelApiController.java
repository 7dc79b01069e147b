package org.plenary.hotel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The hotel form over the API: the answers in, the prefilled annex-3 PDF out. */
@RestController
@Tag(name = "Hotels")
class HotelApiController {

  private final HotelConfirmationForm form;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;

  HotelApiController(HotelConfirmationForm form, GroupCatalog groups, MeetingCatalog meetings) {
    this.form = form;
    this.groups = groups;
    this.meetings = meetings;
  }

  @Operation(operationId = "getHotelForm", summary = "The hotel reservation confirmation form, prefilled, as PDF (no card data is taken)")
  @PostMapping(path = "/api/v1/groups/{slug}/meetings/{code}/hotel-form", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable String slug, @PathVariable String code, @Valid @RequestBody HotelForm hotelForm,
      @RequestParam(required = false) String lang) {
    Meeting meeting = meetings.get(slug, code);
    return form.download(groups.get(slug), meeting, hotelForm, language(lang)).attachment();
  }

  /** The language asked for with {@code ?lang=}, else the reader's. */
  static java.util.Locale language(String lang) {
    return org.plenary.shared.Languages.supported(lang)
        .orElseGet(() -> org.plenary.shared.Languages.nearest(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
  }

}
