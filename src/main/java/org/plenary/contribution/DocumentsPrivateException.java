package org.plenary.contribution;

import org.springframework.security.access.AccessDeniedException;

/**
 * A reader who has not signed in asked for a folder, register or feed of a meeting whose documents
 * are for participants only. The web answers it by asking to sign in (401 on the API), FTP with
 * 550 and this sentence. The meeting itself is public knowledge; its documents are not.
 */
public class DocumentsPrivateException extends AccessDeniedException {

  public DocumentsPrivateException(String meetingCode) {
    super("The documents of meeting " + meetingCode + " are for participants only; sign in to read them.");
  }
}
