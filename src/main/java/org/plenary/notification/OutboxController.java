package org.plenary.notification;

import org.plenary.shared.PageController;
import org.plenary.shared.UnknownException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The secretariat's view of every message Plenary has sent or kept. */
@PageController
@PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
class OutboxController {

  private final Outbox outbox;

  OutboxController(Outbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/secretariat/outbox")
  String list(Model model) {
    model.addAttribute("messages", outbox.latest(200));
    return "notification/outbox";
  }

  @GetMapping("/secretariat/outbox/{id}")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("message", outbox.find(id).orElseThrow(() -> new UnknownException("notification", "notification.unknown.message", id)));
    return "notification/message";
  }
}
