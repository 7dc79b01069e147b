package org.plenary.notification;

import org.plenary.account.OrganizationDirectory;
import org.plenary.registration.Registration;
import org.plenary.registration.RegistrationLookup;
import org.plenary.visa.VisaLetterReady;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tells the participant and their focal points that a visa-support letter is ready; the mail holds no passport data. */
@Component
class VisaMail {

  private final RegistrationLookup registrations;
  private final OrganizationDirectory organizations;
  private final Mailer mailer;
  private final String baseUrl;

  VisaMail(RegistrationLookup registrations, OrganizationDirectory organizations, Mailer mailer,
      @Value("${plenary.base-url}") String baseUrl) {
    this.registrations = registrations;
    this.organizations = organizations;
    this.mailer = mailer;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @ApplicationModuleListener
  void on(VisaLetterReady event) {
    Registration r = registrations.byId(event.registration());
    mailer.sendEach("VisaLetterReady:" + event.request(), RegistrationMail.participantAndFocalPoints(r, organizations), words -> words.letter(
        "notification.visa.ready", new Object[] {r.fullName()}, r.fullName(), baseUrl + "/visa/" + event.request()));
  }
}
