package org.plenary.hotel;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.plenary.group.Group;
import org.plenary.meeting.Hotel;
import org.plenary.meeting.Meeting;
import org.plenary.pdf.PdfRenderer;
import org.plenary.shared.Times;
import org.plenary.shared.Violations;
import org.springframework.stereotype.Component;

/** Annex 3 of the circular, prefilled: the form the participant sends to the hotel of their choice. */
@Component
class HotelConfirmationForm {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final PdfRenderer pdf;
  private final Clock clock;

  HotelConfirmationForm(PdfRenderer pdf, Clock clock) {
    this.pdf = pdf;
    this.clock = clock;
  }

  byte[] pdf(Group group, Meeting meeting, HotelForm form) {
    Hotel hotel = meeting.hotels().stream().filter(h -> h.id().equals(form.getHotel())).findFirst().orElse(null);
    new Violations()
        .check(hotel != null, "hotel", "Choose one of the meeting’s " + meeting.hotels().size() + " hotels.")
        .check(form.getDeparture().isAfter(form.getArrival()), "departure", "The departure must be after the arrival.")
        .check(!form.getArrival().isBefore(meeting.startDate().minusDays(14))
            && !form.getDeparture().isAfter(meeting.endDate().plusDays(14)), "arrival",
            "The stay must be around the meeting, " + meeting.dates() + ".")
        .throwIfAny();
    String room = form.getRoom() == HotelForm.RoomType.SINGLE ? "single" : "double";
    String rate = form.getRoom() == HotelForm.RoomType.SINGLE ? hotel.singleRate() : hotel.doubleRate();
    return pdf.compose("Hotel reservation confirmation — " + group.acronym() + " " + meeting.code())
        .paragraph("This confirmation form should be sent direct to the hotel of your choice.")
        .paragraph("Telecommunication Standardization Sector")
        .field(group.name(), "from " + DATE.format(meeting.startDate()) + " to " + DATE.format(meeting.endDate()))
        .field("Confirmation of the reservation made on", Times.dayIn(clock.instant(), meeting.timeZone()))
        .field("with", hotel.name() + (hotel.address() == null ? "" : ", " + hotel.address()))
        .paragraph("at the ITU preferential tariff" + (rate == null ? "" : " (" + rate + " per " + room + " room)"))
        .field("Rooms", form.getRooms() + " " + room + " room" + (form.getRooms() > 1 ? "s" : ""))
        .field("Arriving on", form.getArrivalTime() == null ? DATE.format(form.getArrival())
            : Times.display(form.getArrival().atTime(form.getArrivalTime()).atZone(meeting.timeZone()).toInstant(),
                meeting.timeZone()))
        .field("Departing on", DATE.format(form.getDeparture()))
        .paragraph("gva".equals(meeting.venueCode()) ? "GENEVA TRANSPORT CARD: Hotels and residences in the canton "
            + "of Geneva provide a free Geneva Transport Card valid for the duration of the stay, giving free access to "
            + "Geneva public transport, including buses, trams, boats and trains as far as Versoix and the airport." : "")
        .field("Family name", form.getFamilyName())
        .field("First name", form.getFirstName())
        .field("Address", form.getAddress())
        .field("Tel", form.getTelephone())
        .field("Fax", form.getFax())
        .field("E-mail", form.getEmail())
        .fillIn("Credit card to guarantee this reservation: AX/VISA/DINERS/EC (or other)")
        .fillIn("No.")
        .fillIn("Valid until")
        .fillIn("Date")
        .fillIn("Signature")
        .toBytes();
  }
}
