package org.plenary.contribution;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.security.access.AccessDeniedException;

/**
 * A reader who has not signed in asked for a folder, register or feed of a meeting whose documents
 * are for participants only. The web answers it by asking to sign in (401 on the API), FTP with
 * 550 and this sentence. The meeting itself is public knowledge; its documents are not.
 */
public class DocumentsPrivateException extends AccessDeniedException implements MessageSourceResolvable {

  private final String meetingCode;


  public DocumentsPrivateException(String meetingCode) {
    super("The documents of meeting " + meetingCode + " are for participants only; sign in to read them.");
    this.meetingCode = meetingCode;
  }

  /** The sentence of FTP's 550 and of pages, in the reader's language. */
  @Override
  public String[] getCodes() {
    return new String[] {"contribution.refused.private"};
  }

  @Override
  public Object[] getArguments() {
    return new Object[] {meetingCode};
  }

  @Override
  public String getDefaultMessage() {
    return getMessage();
  }
}
