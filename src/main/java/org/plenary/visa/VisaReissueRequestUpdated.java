package org.plenary.visa;

/**
 * A participant (or their focal point) asked for their approved letter to be issued again, or withdrew the request,
 * or the secretariat declined it: the participant and focal points are told, and the secretariat of a new ask.
 *
 * @param ask the re-issue request's id
 * @param state where it now stands (open: just asked)
 * @param reason why it was asked, or, when declined, the secretariat's reason
 * @param reference the reference of the letter held
 * @param changes the names of the details the ask corrects (never their values: they are passport data)
 */
public record VisaReissueRequestUpdated(long request, long registration, long ask, ReissueAsk.State state, String reason,
    String reference, java.util.List<String> changes) {}
