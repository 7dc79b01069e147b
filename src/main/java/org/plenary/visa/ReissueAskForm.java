package org.plenary.visa;

import jakarta.validation.constraints.Size;
import org.plenary.shared.MultiLine;

/**
 * The page's re-issue request: why, and, when {@code correct} is ticked, the details as they should now be printed,
 * typed as a first request types them (and checked by the same rules; passport details are never shown back in a form).
 */
public class ReissueAskForm extends VisaForm {

  @Size(max = 2000)
  @MultiLine
  private String reason;

  private boolean correct;

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public boolean isCorrect() {
    return correct;
  }

  public void setCorrect(boolean correct) {
    this.correct = correct;
  }
}
