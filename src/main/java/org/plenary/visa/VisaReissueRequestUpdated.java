package org.plenary.visa;

/**
 * A participant (or their focal point) asked for their approved letter to be issued again, or withdrew the request,
 * or the secretariat declined it: the participant and focal points are told.
 *
 * @param ask the re-issue request's id
 * @param state where it now stands (open: just asked)
 * @param reason why it was asked, or, when declined, the secretariat's reason
 */
public record VisaReissueRequestUpdated(long request, long registration, long ask, ReissueAsk.State state, String reason) {}
