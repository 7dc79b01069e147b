package org.plenary.hotel;

import jakarta.validation.Valid;
import org.plenary.account.AccountDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The hotel form: fill it in on a page (or send it to the API) and download it as a PDF for the hotel. */
@PageController
class HotelController {

  private final HotelConfirmationForm form;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final AccountDirectory accounts;

  HotelController(HotelConfirmationForm form, GroupCatalog groups, MeetingCatalog meetings, AccountDirectory accounts) {
    this.form = form;
    this.groups = groups;
    this.meetings = meetings;
    this.accounts = accounts;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/hotel-form")
  String page(@PathVariable String slug, @PathVariable String code, @AuthenticationPrincipal PlenaryUser user,
      Model model) {
    Meeting meeting = meetings.get(slug, code);
    var hotelForm = new HotelForm();
    hotelForm.setArrival(meeting.startDate().minusDays(1));
    hotelForm.setDeparture(meeting.endDate().plusDays(1));
    if (user != null) {
      var account = accounts.get(user.id());
      String name = account.displayName().strip();
      int space = name.lastIndexOf(' ');
      hotelForm.setFirstName(space > 0 ? name.substring(0, space) : "");
      hotelForm.setFamilyName(space > 0 ? name.substring(space + 1) : name);
      hotelForm.setEmail(account.email());
    }
    return show(model, slug, meeting, hotelForm);
  }

  /** The PDF when the form is complete; otherwise the form again, with its field errors. */
  @PostMapping("/groups/{slug}/meetings/{code}/hotel-form")
  String download(@PathVariable String slug, @PathVariable String code,
      @Valid @ModelAttribute("hotelForm") HotelForm hotelForm, BindingResult result, Model model,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String lang,
      jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
    Meeting meeting = meetings.get(slug, code);
    if (!result.hasErrors()) {
      try {
        ResponseEntity<byte[]> pdf = pdf(groups.get(slug), meeting, hotelForm, lang);
        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
        response.getOutputStream().write(pdf.getBody());
        return null;
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.rejectValue(v.field(), "invalid", v.message()));
      }
    }
    return show(model, slug, meeting, hotelForm);
  }

  private ResponseEntity<byte[]> pdf(Group group, Meeting meeting, HotelForm hotelForm, String lang) {
    return form.download(group, meeting, hotelForm, HotelApiController.language(lang)).attachment();
  }

  private String show(Model model, String slug, Meeting meeting, HotelForm hotelForm) {
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meeting);
    model.addAttribute("hotelForm", hotelForm);
    model.addAttribute("roomTypes", HotelForm.RoomType.values());
    return "hotel/form";
  }
}
