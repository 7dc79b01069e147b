package org.plenary.hotel;

import java.time.Clock;
import java.util.Locale;
import org.plenary.group.Group;
import org.plenary.meeting.Hotel;
import org.plenary.meeting.Meeting;
import org.plenary.pdf.PdfRenderer;
import org.plenary.pdf.PdfWords;
import org.plenary.shared.Download;
import org.plenary.shared.Violations;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Annex 3 of the circular, prefilled: the form the participant sends to the hotel of their choice. */
@Component
class HotelConfirmationForm {

  private final PdfRenderer pdf;
  private final MessageSource messages;
  private final Clock clock;

  HotelConfirmationForm(PdfRenderer pdf, MessageSource messages, Clock clock) {
    this.pdf = pdf;
    this.messages = messages;
    this.clock = clock;
  }

  /** {@link #pdf} named in its language, the meeting's code unchanged. */
  Download download(Group group, Meeting meeting, HotelForm form, Locale language) {
    return new Download(pdf(group, meeting, form, language), MediaType.APPLICATION_PDF,
        "hotel-confirmation-" + meeting.code() + ".pdf",
        messages.getMessage("hotel.file.form", new Object[] {meeting.code()}, language) + ".pdf");
  }

  /** In {@code language}: the reader's, or the one asked for with {@code ?lang=}. */
  byte[] pdf(Group group, Meeting meeting, HotelForm form, Locale language) {
    var words = new PdfWords(messages, language);
    Hotel hotel = meeting.hotels().stream().filter(h -> h.id().equals(form.getHotel())).findFirst().orElse(null);
    new Violations()
        .check(hotel != null, "hotel", words.say("pdf.hotel.error.hotel", meeting.hotels().size()))
        .check(form.getDeparture().isAfter(form.getArrival()), "departure", words.say("pdf.hotel.error.departure"))
        .check(!form.getArrival().isBefore(meeting.startDate().minusDays(14))
            && !form.getDeparture().isAfter(meeting.endDate().plusDays(14)), "arrival",
            words.say("pdf.hotel.error.stay", meeting.dates(words.locale())))
        .throwIfAny();
    boolean single = form.getRoom() == HotelForm.RoomType.SINGLE;
    String rate = single ? hotel.singleRate() : hotel.doubleRate();
    String room = words.say(single ? "pdf.hotel.room.single" : "pdf.hotel.room.double");
    return pdf.compose(words.say("pdf.hotel.title", group.acronym(), meeting.code()), words)
        .paragraph(words.say("pdf.hotel.sendDirect"))
        .paragraph(words.say("pdf.hotel.sector"))
        .field(group.name(), words.say("pdf.hotel.fromTo", words.date(meeting.startDate()), words.date(meeting.endDate())))
        .field(words.say("pdf.hotel.madeOn"), words.date(clock.instant().atZone(meeting.timeZone()).toLocalDate()))
        .field(words.say("pdf.hotel.with"), words.listed(hotel.name(), hotel.address()))
        .paragraph(rate == null ? words.say("pdf.hotel.tariff") : words.say("pdf.hotel.tariffRate", rate, room))
        .field(words.say("pdf.hotel.rooms"), words.say(form.getRooms() > 1 ? "pdf.hotel.roomsMany" : "pdf.hotel.roomsOne",
            form.getRooms(), room))
        .field(words.say("pdf.hotel.arriving"), form.getArrivalTime() == null ? words.date(form.getArrival())
            : words.time(form.getArrival().atTime(form.getArrivalTime()).atZone(meeting.timeZone()).toInstant(),
                meeting.timeZone()))
        .field(words.say("pdf.hotel.departing"), words.date(form.getDeparture()))
        .paragraph("gva".equals(meeting.venueCode()) ? words.say("pdf.hotel.genevaCard") : "")
        .field(words.say("pdf.hotel.familyName"), form.getFamilyName())
        .field(words.say("pdf.hotel.firstName"), form.getFirstName())
        .field(words.say("pdf.hotel.address"), form.getAddress())
        .field(words.say("pdf.hotel.telephone"), form.getTelephone())
        .field(words.say("pdf.hotel.fax"), form.getFax())
        .field(words.say("pdf.hotel.email"), form.getEmail())
        .fillIn(words.say("pdf.hotel.card"))
        .fillIn(words.say("pdf.hotel.cardNumber"))
        .fillIn(words.say("pdf.hotel.validUntil"))
        .fillIn(words.say("pdf.hotel.date"))
        .fillIn(words.say("pdf.hotel.signature"))
        .toBytes();
  }
}
